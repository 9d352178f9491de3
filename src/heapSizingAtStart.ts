/** Imported by src/index.ts before the service's modules load: the built service's heap sizing (heapSizing.ts). */
import { boundOldGeneration, holdYoungGeneration } from './heapSizing';

holdYoungGeneration();
boundOldGeneration();
