/** The older OFAC sdn.xml / consolidated.xml (`sdnList > sdnEntry`, namespace http://tempuri.org/sdnList.xsd). */
import type { ListRecord, PartyKind } from '../builder.ts';
import { parseDate } from '../dates.ts';
import { consListCode } from '../tables.ts';
import { kid, kids, kidText, type XmlNode } from '../../io/xml.ts';

const texts = (nodes: XmlNode[], name: string): string[] => nodes.map((n) => kidText(n, name)).filter((x): x is string => !!x);

function personName(n: XmlNode): string {
  const last = kidText(n, 'lastName') ?? '';
  const first = kidText(n, 'firstName');
  return first && last ? `${last}, ${first}` : last || first || '';
}

export function sdnXmlRecord(e: XmlNode, record: number, cons: boolean): ListRecord {
  const type = (kidText(e, 'sdnType') ?? '').toLowerCase();
  const kind: PartyKind = type === 'individual' ? 'person' : type === 'vessel' ? 'vessel' : type === 'aircraft' ? 'aircraft' : 'entity';
  const programs = kids(kid(e, 'programList'), 'program')
    .map((p) => p.text.trim())
    .filter(Boolean);
  const akas = kids(kid(e, 'akaList'), 'aka');
  const strong = akas.filter((a) => kidText(a, 'category') !== 'weak');
  const addresses = kids(kid(e, 'addressList'), 'address');
  const vessel = kid(e, 'vesselInfo');
  return {
    record,
    listCode: cons ? consListCode(programs) : 'SDN',
    ofacId: kidText(e, 'uid'),
    kind,
    name: personName(e),
    aliases: strong.filter((a) => !/f\.k\.a/i.test(kidText(a, 'type') ?? '')).map(personName),
    previousNames: strong.filter((a) => /f\.k\.a/i.test(kidText(a, 'type') ?? '')).map(personName),
    weakAliases: akas.filter((a) => kidText(a, 'category') === 'weak').map(personName),
    titles: [kidText(e, 'title')].filter((x): x is string => !!x),
    addresses: addresses
      .map((a) =>
        ['address1', 'address2', 'address3', 'city', 'stateOrProvince', 'postalCode', 'country']
          .map((k) => kidText(a, k))
          .filter(Boolean)
          .join(', '),
      )
      .filter(Boolean),
    countries: texts(addresses, 'country'),
    nationalities: texts(kids(kid(e, 'nationalityList'), 'nationality'), 'country'),
    citizenships: texts(kids(kid(e, 'citizenshipList'), 'citizenship'), 'country'),
    birthDates: texts(kids(kid(e, 'dateOfBirthList'), 'dateOfBirthItem'), 'dateOfBirth')
      .map((d) => parseDate(d) ?? '')
      .filter(Boolean),
    birthPlaces: texts(kids(kid(e, 'placeOfBirthList'), 'placeOfBirthItem'), 'placeOfBirth'),
    idRemarks: kids(kid(e, 'idList'), 'id').map((i) => {
      const c = kidText(i, 'idCountry');
      return `${kidText(i, 'idType') ?? 'ID'} ${kidText(i, 'idNumber') ?? ''}${c ? ` (${c})` : ''}`;
    }),
    remarks: kidText(e, 'remarks'),
    vessel: vessel
      ? {
          callSign: kidText(vessel, 'callSign'),
          type: kidText(vessel, 'vesselType'),
          flag: kidText(vessel, 'vesselFlag'),
          owner: kidText(vessel, 'vesselOwner'),
          tonnage: kidText(vessel, 'tonnage'),
          grt: kidText(vessel, 'grossRegisteredTonnage'),
        }
      : undefined,
    programs,
  };
}
