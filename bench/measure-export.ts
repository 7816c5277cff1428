/** The export bench in a child process of its own (its maxRSS is the export's alone). */
import { serveChild } from './child';
import { measureExport } from './export-bench';

serveChild(measureExport);
