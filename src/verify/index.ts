/** Checks of the knowledge pack against the imported official lists (`sightline pack verify`). */
export { verifyPack, type PackFinding, type PackVerifyReport, type VerifyOptions, type FindingKind } from './pack-verify.ts';
export { renderPackVerify } from './render.ts';
