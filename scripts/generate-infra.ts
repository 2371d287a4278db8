/** `npm run infra:generate`: writes infra/cosmos.json from the container definitions (server/store/cosmos/containers.ts). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { COSMOS_TEMPLATE_PATH, renderCosmosTemplate } from './cosmos-template';

const target = path.resolve(__dirname, '..', COSMOS_TEMPLATE_PATH);
writeFileSync(target, renderCosmosTemplate());
console.log(`wrote ${COSMOS_TEMPLATE_PATH}`);
