/**
 * Rule-set versions in Cosmos DB (container partitioned by /tenantId); see ../rule-versions.ts. A version is a
 * header item (the summary) plus chunk items holding its rules' JSON, so a set of 500 large rules never meets
 * the 2 MB item limit (https://learn.microsoft.com/azure/cosmos-db/concepts-limits#per-item-limits). Chunks are
 * written first and the header last: a listed header always has its chunks. Pruning deletes the header first,
 * so a pruned version disappears whole even if a chunk delete then fails (the orphan is never read).
 * Every query filters tenantId in WHERE (the emulator ignores the partition key option).
 */
import type { Container } from '@azure/cosmos';
import type { RuleSet } from '../types';
import { summaryOf, versionSetOf, type RuleVersion, type RuleVersionRepository, type RuleVersionSummary } from '../rule-versions';
import { cosmosCall, readItem, splitChunks, statusOf, stripSystem } from './util';

export const RULE_VERSIONS_CONTAINER = 'ruleVersions';

/**
 * Characters of rules JSON per chunk. A UTF-16 unit is at most 3 bytes of UTF-8 and JSON string escaping at most
 * doubles an ASCII character, so a chunk item stays under 1.2 MB.
 */
export const RULE_VERSION_CHUNK_CHARS = 400_000;

/** Which set a version belongs to, as one field the list query can compare (an org set has no owner). */
const setKeyOf = (set: RuleSet) => (set.scope === 'personal' ? `personal|${set.ownerId}` : 'org|');

type HeaderItem = RuleVersionSummary & { kind: 'header'; setKey: string; chunks: number };
interface ChunkItem {
  id: string;
  tenantId: string;
  kind: 'chunk';
  versionId: string;
  data: string;
}

const chunkId = (versionId: string, index: number) => `${versionId}.${index}`;

function toSummary(resource: Record<string, unknown>): RuleVersionSummary & { chunks: number } {
  const { kind, setKey, ...rest } = stripSystem<HeaderItem>(resource).doc;
  void kind;
  void setKey;
  return rest;
}

export class CosmosRuleVersionRepository implements RuleVersionRepository {
  constructor(
    private readonly container: Container,
    private readonly chunkChars = RULE_VERSION_CHUNK_CHARS,
  ) {}

  async put(version: RuleVersion, keep: number): Promise<void> {
    const parts = splitChunks(JSON.stringify(version.rules), this.chunkChars);
    for (const [index, data] of parts.entries()) {
      const chunk: ChunkItem = { id: chunkId(version.id, index), tenantId: version.tenantId, kind: 'chunk', versionId: version.id, data };
      await cosmosCall('rule version', () => this.container.items.create(chunk));
    }
    const header: HeaderItem = { ...summaryOf(version), kind: 'header', setKey: setKeyOf(versionSetOf(version)), chunks: parts.length };
    await cosmosCall('rule version', () => this.container.items.create(header));
    await this.prune(versionSetOf(version), keep);
  }

  private async headers(set: RuleSet): Promise<Array<RuleVersionSummary & { chunks: number }>> {
    const spec = {
      query: "SELECT * FROM c WHERE c.tenantId = @tenantId AND c.kind = 'header' AND c.setKey = @setKey ORDER BY c.id DESC",
      parameters: [
        { name: '@tenantId', value: set.tenantId },
        { name: '@setKey', value: setKeyOf(set) },
      ],
    };
    const { resources } = await cosmosCall('rule versions', () =>
      this.container.items.query<Record<string, unknown>>(spec, { partitionKey: set.tenantId }).fetchAll(),
    );
    return resources.map(toSummary);
  }

  private async prune(set: RuleSet, keep: number): Promise<void> {
    for (const old of (await this.headers(set)).slice(keep)) {
      await this.deleteIfPresent(set.tenantId, old.id);
      for (let i = 0; i < old.chunks; i++) await this.deleteIfPresent(set.tenantId, chunkId(old.id, i));
    }
  }

  private async deleteIfPresent(tenantId: string, id: string): Promise<void> {
    await cosmosCall('rule version', async () => {
      try {
        await this.container.item(id, tenantId).delete();
      } catch (err) {
        // A concurrent prune got there first.
        if (statusOf(err) !== 404) throw err;
      }
    });
  }

  async list(set: RuleSet): Promise<RuleVersionSummary[]> {
    return (await this.headers(set)).map(({ chunks, ...summary }) => {
      void chunks;
      return summary;
    });
  }

  async get(tenantId: string, id: string): Promise<RuleVersion | undefined> {
    const resource = await readItem(this.container, tenantId, id, 'rule version');
    if (!resource || resource.kind !== 'header') return undefined;
    const { chunks, ...summary } = toSummary(resource);
    const parts: string[] = [];
    for (let i = 0; i < chunks; i++) {
      const chunk = await readItem(this.container, tenantId, chunkId(id, i), 'rule version');
      // Pruned while being read: the version is gone.
      if (!chunk) return undefined;
      parts.push(String(chunk.data));
    }
    return { ...summary, rules: JSON.parse(parts.join('')) as RuleVersion['rules'] };
  }
}
