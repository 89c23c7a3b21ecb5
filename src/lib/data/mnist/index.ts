export {parseIdx, encodeIdx, type IdxArray, type IdxData, type IdxDType} from './idx';
export {setMnistSource, MNIST_FILE_NAMES, type MnistFiles, type MnistFileSource} from './mnist-source';
export {
  loadMnist,
  classCounts,
  MNIST_CLASSES,
  MNIST_CLASS_COUNTS,
  MNIST_PIXELS,
  MNIST_SIDE,
  type LoadMnistOptions,
  type Mnist,
  type MnistLayout,
  type MnistSet,
  type NielsenMnist,
} from './load-mnist';
export {expandMnist, type ExpandMnistOptions} from './expand-mnist';
export {
  downloadVerified,
  sha256Hex,
  indexedDbCache,
  memoryCache,
  type ByteCache,
  type DownloadOptions,
  type DownloadProgress,
} from './download';
export {
  loadFashionMnist,
  loadCifar10,
  parseCifar10Archive,
  readTar,
  FASHION_MNIST_CLASSES,
  FASHION_MNIST_SOURCE,
  CIFAR10_CLASSES,
  CIFAR10_SOURCE,
  type Cifar10,
  type RemoteDatasetOptions,
} from './remote-datasets';
