export {Catalog, type CatalogColumn, type CatalogColumnInput, type CatalogRow, type CatalogValue} from './catalog';
export {parseSextractorCatalog} from './sextractor';
export {parseTextTable, type TextTableOptions} from './text-table';
export {catalogFromFitsTable, readFitsLdac, type LdacCatalog} from './fits-table';
export {crossMatch, type CrossMatchOptions, type SkyMatch, type SkyPositions} from './crossmatch';
