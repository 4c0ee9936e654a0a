/// <reference lib="dom" />
/** Calls the server's API; an API key, if the user entered one, is kept for this browser tab only. */
import type { Me } from './types.ts';

const KEY = 'sightline.key';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function apiKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function setApiKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const key = apiKey();
  return key ? { ...extra, authorization: `Bearer ${key}` } : extra;
}

async function handle<T>(res: Response): Promise<T> {
  if (res.ok) return (await res.json()) as T;
  let detail = res.statusText;
  try {
    detail = (await res.json()).detail ?? detail;
  } catch {
    /* not JSON */
  }
  if (res.status === 401) window.dispatchEvent(new CustomEvent('sightline:auth'));
  throw new ApiError(res.status, detail);
}

export async function get<T>(path: string): Promise<T> {
  return handle<T>(await fetch(path, { headers: headers(), credentials: 'same-origin' }));
}

export async function post<T>(path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method: 'POST', headers: headers(body === undefined ? {} : { 'content-type': 'application/json' }), credentials: 'same-origin' };
  if (body !== undefined) init.body = JSON.stringify(body);
  return handle<T>(await fetch(path, init));
}

export async function upload<T>(path: string, form: FormData): Promise<T> {
  return handle<T>(await fetch(path, { method: 'POST', headers: headers(), body: form, credentials: 'same-origin' }));
}

/** Downloads a file; with a key the request needs its header, so it goes through a blob. */
export async function download(path: string, fileName: string): Promise<void> {
  const res = await fetch(path, { headers: headers() });
  if (!res.ok) return void (await handle(res));
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type { Me };

const ORDER = ['viewer', 'analyst', 'reviewer', 'approver', 'admin'];
export function can(me: Me | undefined, role: string): boolean {
  return Boolean(me) && ORDER.indexOf(me!.role) >= ORDER.indexOf(role);
}
