/** Name normalisation shared by matching, screening and the document scanner. */
export { cleanText, foldCase, stripPunctuation, normaliseText, tokenize, MAX_NAME_LENGTH } from './normalise.ts';
export { toLatin, scriptOf } from './transliterate.ts';
export { hasHan, hanRuns, toSimplified, hanToPinyin, hanReadings, splitHanOrgName, type HanNameParts } from './chinese.ts';
export { englishReadings, englishReadingForms } from './chinese-english.ts';
export { legalFormsShared, legalFormsTransformed, stripLegalForms, type LegalSplit } from './legal-forms.ts';
export { analyseName, invertPersonName, letterSet, type NameForm, type NameToken, type NameKind } from './name-form.ts';
export { tables, loadTables, type NameTables } from './tables.ts';
export { skeleton } from './skeleton.ts';
export { isPlaceWord } from './places.ts';
export { listCountryNames, matchCountryNames, parseCountryNames, type CountryNames } from './countries.ts';
