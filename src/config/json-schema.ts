// JSON Schema of the written configuration, generated from the zod schema so the two can
// never drift. Draft-07: the dialect yaml-language-server (VS Code YAML, Neovim) reads best.
import { z } from 'zod';
import { WrittenConfig } from './schema.js';

export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(WrittenConfig, { io: 'input', target: 'draft-7', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: 'mlc configuration', $id: 'https://ml-connector.invalid/mlc.schema.json' };
}
