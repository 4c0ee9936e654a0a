/**
 * Equipment screening: finds Hikvision, Dahua, Huawei, ZTE and Hytera devices (and their relabelled OEM
 * units) in scans and inventories and gives a covered-equipment verdict (NDAA §889, FCC Covered List,
 * Entity List maker). Without a World the built-in coverage of data/devices/makers.yml is used.
 */
export type {
  DeviceSignal,
  DeviceAttribution,
  CoverageFinding,
  DeviceRecord,
  DeviceInput,
  Evidence,
  EvidenceItem,
  EvidenceField,
  InputFormat,
  Verdict,
} from './types.ts';
export { VERDICTS, isFlagged } from './types.ts';
export { mergeDevices, type MergedDevice } from './merge.ts';
export { readDevices, detectFormat, type ReadDevicesOptions } from './read-devices.ts';
export { attribute, attributeSignals, type AttributeOptions } from './attribute.ts';
export { identify, textEvidence } from './identify.ts';
export { extractSignals } from './signals.ts';
export { screenDevices, type ScreenDevicesOptions } from './screen-devices.ts';
export { TruncatedInputError } from './nmap-xml.ts';
export { normaliseMac, isLocallyAdministered, findMacs } from './mac.ts';
export { lookupOui, classifyMac } from './oui.ts';
export { coverageOf, makerOfBrand } from './coverage.ts';
export { detectColumns } from './inventory.ts';
