/** Supply-chain signals that are not list entries: Xinjiang origin from addresses and UFLPA high-priority sectors. */
export { xinjiangGazetteer, buildGazetteer, foldWords, type Gazetteer, type PlaceTerm } from './gazetteer.ts';
export { assessXinjiang, xinjiangFinding, type OriginFields, type OriginWord, type XinjiangAssessment, type XinjiangFinding } from './xinjiang-origin.ts';
export { uflpaSectors, sectorTable, type SectorMatch } from './sectors.ts';
