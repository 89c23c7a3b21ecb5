export {filesFromFileList, filesFromDataTransfer, memoryFile, fileKind, type DataFile} from './files';
export {
  setImageDecoder,
  browserImageDecoder,
  decodeFitsImage,
  convertChannels,
  resizeImage,
  type DecodedImage,
  type ImageDecoder,
} from './decode';
export {readItems, type ReadItems, type ReadItemsOptions} from './read-items';
export {filesLabelledBy, imagesFromFolders, imagesLabelledByRegex, type LabelledFilesOptions} from './labelled';
export {imagesFromCsv, parseCsv, type CsvSourceOptions, type CsvTable} from './csv';
