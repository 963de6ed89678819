/**
 * Worker entry: facts of registry descriptions. The extractor (and the NLP library under it) loads
 * as soon as the worker starts; the descriptions come later, in one message.
 */
import { extractFromDescription } from '../extract/description.js';
import { answerInput } from '../util/worker.js';
import type { DescriptionJob } from './enrich.js';

await answerInput((jobs: DescriptionJob[]) => jobs.map((j) => extractFromDescription(j.text, j.context)));
