/** Imported by src/index.ts before the service's modules load: holds the young generation's size during start-up (startupHeap.ts). */
import { holdYoungGeneration } from './startupHeap';

holdYoungGeneration();
