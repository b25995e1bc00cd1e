/**
 * Turns the article's plain text into the app's structured content file,
 * resources/guide/guide.json. Run it only when the source text changes:
 *
 *   npm run import-guide -- path/to/he-wont-talk-to-me.txt
 *
 * It keeps every word as the author wrote it; only soft line breaks and list markers go.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  GuideSchema,
  type Block,
  type Guide,
  type Part,
  type PartId,
  type Section,
  type SectionId,
} from '../src/shared/guide/model';

export const GUIDE_VERSION = 1;

const UNORDERED_ITEM = /^\s*•\s+/;
const ORDERED_ITEM = /^\s*\d+\.\s+/;

interface PartRule {
  id: Exclude<PartId, 'opening'>;
  label: string;
  heading: RegExp;
}

/** The article's three part headings, matched by their opening words. */
const PART_RULES: PartRule[] = [
  { id: 'why', label: 'Why he may be silent', heading: /^Why Won’t He Talk to Me\?/ },
  { id: 'avoid', label: 'What to avoid', heading: /^What to Do When .* Strategies to Avoid$/ },
  { id: 'steps', label: 'Seven steps that work', heading: /^He Still Won’t Talk, 7 Strategies/ },
];

/** Section headings, with the number that becomes the id and the words that become the label. */
const SECTION_RULES: { prefix: string; heading: RegExp }[] = [
  { prefix: 'reason', heading: /^#(\d) (.+)$/ },
  { prefix: 'avoid', heading: /^Strategy to avoid #(\d): (.+)$/ },
  { prefix: 'step', heading: /^Step (\d): (.+)$/ },
];

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function parseByline(byline: string): { author: string; published: string } {
  const match = /^Posted by (.+?) on (\w+) (\d{1,2}), (\d{4})/.exec(byline);
  const month = match ? MONTHS.indexOf(match[2] ?? '') + 1 : 0;
  if (!match || month === 0) throw new Error(`Unrecognised byline: ${byline}`);
  const [, author = '', , day = '', year = ''] = match;
  return {
    author,
    published: `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`,
  };
}

function toBlock(lines: string[]): Block {
  if (lines.every((line) => UNORDERED_ITEM.test(line))) {
    return { type: 'list', ordered: false, items: lines.map((l) => l.replace(UNORDERED_ITEM, '')) };
  }
  if (lines.every((line) => ORDERED_ITEM.test(line))) {
    return { type: 'list', ordered: true, items: lines.map((l) => l.replace(ORDERED_ITEM, '')) };
  }
  return { type: 'paragraph', text: lines.map((line) => line.trim()).join(' ') };
}

/** Paragraphs are separated by blank lines; a list's items stand on consecutive lines. */
function splitBlocks(body: string): string[][] {
  return body
    .split(/\n\s*\n/)
    .map((chunk) => chunk.split('\n').filter((line) => line.trim() !== ''))
    .filter((lines) => lines.length > 0);
}

export function importGuide(source: string): Guide {
  const [title = [], byline = [], ...rest] = splitBlocks(source.replace(/\r\n?/g, '\n'));
  const guideTitle = title.join(' ').trim();
  const guideByline = byline.join(' ').trim();

  const parts: Part[] = [
    { id: 'opening', label: 'Introduction', heading: null, lead: [], sections: [] },
  ];
  let section: Section = { id: 'intro', label: 'Introduction', heading: null, blocks: [] };
  let part = parts[0] as Part;
  part.sections.push(section);

  for (const lines of rest) {
    const single = lines.length === 1 ? (lines[0] ?? '').trim() : null;
    const partRule = single === null ? undefined : PART_RULES.find((r) => r.heading.test(single));
    if (single !== null && partRule) {
      part = { id: partRule.id, label: partRule.label, heading: single, lead: [], sections: [] };
      parts.push(part);
      continue;
    }
    const sectionMatch =
      single === null
        ? undefined
        : SECTION_RULES.map((rule) => ({ rule, match: rule.heading.exec(single) })).find(
            (candidate) => candidate.match !== null,
          );
    if (single !== null && sectionMatch?.match) {
      const [, number = '', label = ''] = sectionMatch.match;
      section = {
        id: `${sectionMatch.rule.prefix}-${number}` as SectionId,
        label,
        heading: single,
        blocks: [],
      };
      part.sections.push(section);
      continue;
    }
    const block = toBlock(lines);
    // Paragraphs between a part heading and its first section belong to the part itself.
    if (part.sections.length === 0) part.lead.push(block);
    else section.blocks.push(block);
  }

  return GuideSchema.parse({
    title: guideTitle,
    byline: guideByline,
    ...parseByline(guideByline),
    version: GUIDE_VERSION,
    parts,
  });
}

export const GUIDE_CONTENT_PATH = fileURLToPath(
  new URL('../resources/guide/guide.json', import.meta.url),
);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sourcePath = process.argv[2];
  if (!sourcePath) {
    process.stderr.write('Usage: npm run import-guide -- <article.txt>\n');
    process.exit(2);
  }
  const guide = importGuide(readFileSync(sourcePath, 'utf8'));
  writeFileSync(GUIDE_CONTENT_PATH, `${JSON.stringify(guide, null, 2)}\n`);
  process.stderr.write(`Wrote ${GUIDE_CONTENT_PATH}\n`);
}
