/** The extractor's public face: pages to records, registry descriptions to extra facts, records to YAML. */
export { extractPage, type PageInput, type PageResult } from './page.js';
export { extractFromDescription, decodeEntities, HUB_KEY, type DescriptionContext, type DescriptionFacts } from './description.js';
export { recordToYaml } from './to-yaml.js';
export { ProseGazetteer, proseGazetteer } from './gazetteer.js';
