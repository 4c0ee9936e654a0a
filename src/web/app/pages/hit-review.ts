/// <reference lib="dom" />
/**
 * Reviewing one hit: its decisions so far, the reviewer's form and, with four-eyes on, the decision
 * proposed on it, which a second person with the approver role approves or rejects with a reason code.
 */
import { h, fmtDate, table } from '../dom.ts';
import { get, post, can } from '../api.ts';
import type { Hit, Me, Row, Decision, Proposal, ReasonCodes } from '../types.ts';

export const STATUS_LABEL: Record<string, string> = {
  new: 'New',
  changed: 'Changed',
  open: 'Open',
  confirmed: 'Confirmed',
  dismissed: 'Dismissed',
  escalated: 'Escalated',
};

/** The decisions recorded on this hit so far, oldest first. */
export async function decisionHistory(row: Row, hit: Hit): Promise<HTMLElement[]> {
  const history = await get<{ decisions: Decision[] }>(`/decisions?recordKey=${row.recordKey}&entityId=${encodeURIComponent(hit.entityId)}`);
  const heading = h('h3', null, 'Decisions');
  if (!history.decisions.length) return [heading, h('p', { class: 'muted' }, 'No decision yet.')];
  return [
    heading,
    table(
      ['When (UTC)', 'Who', 'Decision', 'Reason'],
      history.decisions.map((d) => [
        fmtDate(d.createdAt),
        d.approvedBy ? `${d.actor} (approved by ${d.approvedBy})` : d.actor,
        STATUS_LABEL[d.decision] ?? d.decision,
        d.reason,
      ]),
    ),
  ];
}

/** Shows a failed request under a form instead of losing it. */
function failed(msg: HTMLElement, err: unknown): void {
  msg.textContent = `Not saved: ${(err as Error).message}`;
  msg.className = 'status error';
}

function choice(name: string, value: string, label: string, help: string): HTMLElement {
  return h(
    'label',
    { class: 'choice' },
    h('input', { type: 'radio', name, value, required: true }),
    h('span', null, h('strong', null, label), ' ', h('small', null, help)),
  );
}

/**
 * The reviewer's form: a decision and its reason. With four-eyes on it proposes rather than decides.
 * `saved` shows the results and this hit afresh.
 */
export function decisionForm(me: Me | undefined, body: { jobId: string; recordKey: string; entityId: string }, saved: () => Promise<void>): HTMLElement {
  const fourEyes = Boolean(me?.fourEyes);
  const reason = h('textarea', {
    id: 'reason',
    name: 'reason',
    rows: 3,
    required: true,
    maxlength: 2000,
    placeholder: 'e.g. Different company: our vendor is registered in Ontario, CA (business no. …)',
  });
  const msg = h('p', { role: 'status', class: 'status' });
  const form = h(
    'form',
    {
      class: 'decide',
      id: 'decide-form',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const decision = (form.querySelector('input[name=decision]:checked') as HTMLInputElement | null)?.value;
        if (!decision) return void (msg.textContent = 'Choose a decision.');
        try {
          await post('/decisions', { ...body, decision, reason: reason.value });
          await saved();
        } catch (err) {
          failed(msg, err);
        }
      },
    },
    h(
      'fieldset',
      null,
      h('legend', null, fourEyes ? 'Your decision (proposed: a second person with the approver role approves it)' : 'Your decision'),
      choice('decision', 'confirmed', 'Confirm', '— this is the listed party (or controlled by it)'),
      choice('decision', 'dismissed', 'Dismiss', '— a different party; a false positive'),
      choice('decision', 'escalated', 'Escalate', '— needs a senior reviewer or more information'),
    ),
    h('label', { for: 'reason' }, 'Reason (kept in the audit trail)'),
    reason,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, fourEyes ? 'Propose decision' : 'Record decision')),
    msg,
  );
  return form;
}

/** Same person as the proposer, as the server judges it by name (its key is checked there too). */
function isProposer(me: Me | undefined, p: Proposal): boolean {
  return Boolean(me) && me!.name.trim().toLowerCase() === p.proposer.trim().toLowerCase();
}

/** The decision waiting for a second person; an approver other than the proposer resolves it here. */
export async function proposalPanel(me: Me | undefined, p: Proposal, saved: () => Promise<void>): Promise<HTMLElement> {
  const section = h(
    'section',
    { class: 'card', id: 'proposal' },
    h('h3', null, 'Proposed decision, waiting for approval'),
    h('p', null, `${STATUS_LABEL[p.decision] ?? p.decision} — proposed by ${p.proposer} on ${fmtDate(p.createdAt)} UTC: “${p.reason}”`),
  );
  const waiting = isProposer(me, p)
    ? 'You proposed it: another approver must approve or reject it.'
    : !can(me, 'approver')
      ? 'A second person with the approver role approves or rejects it.'
      : undefined;
  if (waiting) {
    section.append(h('p', { class: 'muted' }, waiting));
    return section;
  }
  const { codes } = await get<ReasonCodes>('/review/reason-codes');
  const code = h('select', { id: 'reason-code', required: true }, h('option', { value: '' }, 'Choose Approve or Reject first'));
  const note = h('textarea', { id: 'resolution-note', rows: 2, maxlength: 2000 });
  const msg = h('p', { role: 'status', class: 'status' });
  const outcome = () => (section.querySelector('input[name=outcome]:checked') as HTMLInputElement | null)?.value;
  const fillCodes = () => {
    code.replaceChildren(...codes.filter((c) => c.outcome === outcome()).map((c) => h('option', { value: c.code }, c.label)));
  };
  const form = h(
    'form',
    {
      id: 'resolve-form',
      onchange: (e: Event) => (e.target as HTMLElement).getAttribute('name') === 'outcome' && fillCodes(),
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const verb = outcome() === 'approved' ? 'approve' : outcome() === 'rejected' ? 'reject' : undefined;
        if (!verb || !code.value) return void (msg.textContent = 'Choose approve or reject, and a reason code.');
        try {
          await post(`/proposals/${p.id}/${verb}`, { reasonCode: code.value, ...(note.value.trim() ? { note: note.value } : {}) });
          await saved();
        } catch (err) {
          failed(msg, err);
        }
      },
    },
    h(
      'fieldset',
      null,
      h('legend', null, 'Your resolution'),
      choice('outcome', 'approved', 'Approve', '— the decision takes effect'),
      choice('outcome', 'rejected', 'Reject', '— the hit stays undecided'),
    ),
    h('label', { for: 'reason-code' }, 'Reason code'),
    code,
    h('label', { for: 'resolution-note' }, 'Note (optional, kept in the audit trail)'),
    note,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Record resolution')),
    msg,
  );
  section.append(form);
  return section;
}
