/**
 * Worker entry: facts of registry descriptions. The extractor (and the NLP library under it) loads
 * as soon as the worker starts; the descriptions come later, a message of them at a time, each
 * answered with their facts.
 */
import { extractFromDescription } from '../extract/description.js';
import { answerEachInput } from '../util/worker.js';
import type { DescriptionJob } from './enrich.js';

answerEachInput((jobs: DescriptionJob[]) => jobs.map((j) => extractFromDescription(j.text, j.context)));
