// DOCX export of the one editor schema's JSON with the `docx` library: real Word styles (Title,
// Heading 1/2, Quote, Hyperlink), numbered and bulleted lists through Word numbering, tables
// with a repeating header row, hyperlinks, and the document's title, creator and language.
import type { JSONContent } from "@tiptap/core";
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { isAllowedHref } from "./schema";

const BULLETS = "werkplaats-bullets";
const NUMBERS = "werkplaats-numbers";
const BULLET_CHARS = ["•", "◦", "▪"];

type Context = {
  /** Nesting of the lists around the current block (0 = top level). */
  listLevel: number;
  /** The list the current item belongs to. */
  list: { reference: string; instance: number } | null;
  quote: boolean;
  nextInstance: () => number;
};

type RunStyle = {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  underline?: Record<string, never>;
};

function inlineChildren(nodes: JSONContent[] = []): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  for (const node of nodes) {
    if (node.type === "hardBreak") {
      children.push(new TextRun({ text: "", break: 1 }));
      continue;
    }
    if (node.type !== "text" || !node.text) continue;
    const style: RunStyle = {};
    let href: string | null = null;
    for (const mark of node.marks ?? []) {
      if (mark.type === "bold") style.bold = true;
      else if (mark.type === "italic") style.italics = true;
      else if (mark.type === "strike") style.strike = true;
      else if (mark.type === "underline") style.underline = {};
      else if (mark.type === "link" && isAllowedHref(mark.attrs?.href)) href = mark.attrs?.href;
    }
    if (href) {
      children.push(
        new ExternalHyperlink({
          link: href,
          children: [new TextRun({ text: node.text, ...style, style: "Hyperlink" })],
        }),
      );
    } else {
      children.push(new TextRun({ text: node.text, ...style }));
    }
  }
  return children;
}

function blocks(nodes: JSONContent[] = [], context: Context): (Paragraph | Table)[] {
  return nodes.flatMap((node) => block(node, context));
}

function block(node: JSONContent, context: Context): (Paragraph | Table)[] {
  switch (node.type) {
    case "paragraph":
      return [
        new Paragraph({
          children: inlineChildren(node.content),
          ...(context.list
            ? { numbering: { ...context.list, level: Math.min(8, context.listLevel - 1) } }
            : {}),
          ...(context.quote ? { style: "Quote" } : {}),
        }),
      ];
    case "heading": {
      // The editor's levels 3 and 4 sit under the document title: Heading 1 and Heading 2.
      const level = Number(node.attrs?.level ?? 3);
      return [
        new Paragraph({
          heading: level <= 3 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
          children: inlineChildren(node.content),
        }),
      ];
    }
    case "blockquote":
      return blocks(node.content, { ...context, quote: true });
    case "bulletList":
    case "orderedList": {
      const list = {
        reference: node.type === "bulletList" ? BULLETS : NUMBERS,
        instance: context.nextInstance(),
      };
      const inner = { ...context, list, listLevel: context.listLevel + 1 };
      return (node.content ?? []).flatMap((item) =>
        (item.content ?? []).flatMap((child, i) =>
          // Later paragraphs of one item continue it without a new number.
          i === 0 || child.type !== "paragraph"
            ? block(child, inner)
            : [
                new Paragraph({
                  children: inlineChildren(child.content),
                  indent: { left: 720 * inner.listLevel },
                }),
              ],
        ),
      );
    }
    case "horizontalRule":
      return [
        new Paragraph({
          children: [],
          border: { bottom: { style: "single", size: 6, color: "999999", space: 1 } },
        }),
      ];
    case "table": {
      const rows = node.content ?? [];
      const header = rows[0]?.content?.every((cell) => cell.type === "tableHeader") ?? false;
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: rows.map(
            (row, r) =>
              new TableRow({
                tableHeader: header && r === 0,
                children: (row.content ?? []).map(
                  (cell) =>
                    new TableCell({
                      columnSpan: Number(cell.attrs?.colspan ?? 1) || 1,
                      rowSpan: Number(cell.attrs?.rowspan ?? 1) || 1,
                      children: (() => {
                        const content = blocks(cell.content, {
                          ...context,
                          list: null,
                          listLevel: 0,
                          quote: false,
                        });
                        return content.length ? content : [new Paragraph({ children: [] })];
                      })(),
                    }),
                ),
              }),
          ),
        }),
      ];
    }
    default:
      return node.content ? blocks(node.content, context) : [];
  }
}

/** Header cells in bold: the runs of a header row's paragraphs. */
function boldHeaderCells(json: JSONContent): JSONContent {
  if (json.type === "tableHeader") {
    const bolden = (n: JSONContent): JSONContent =>
      n.type === "text"
        ? { ...n, marks: [...(n.marks ?? []), { type: "bold" }] }
        : { ...n, ...(n.content ? { content: n.content.map(bolden) } : {}) };
    return bolden(json);
  }
  return json.content ? { ...json, content: json.content.map(boldHeaderCells) } : json;
}

const listLevels = (format: "bullet" | "decimal") =>
  Array.from({ length: 9 }, (_, level) => ({
    level,
    format: format === "bullet" ? LevelFormat.BULLET : LevelFormat.DECIMAL,
    text: format === "bullet" ? (BULLET_CHARS[level % 3] as string) : `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));

export type DocxMeta = {
  title: string;
  /** A line under the title (subgroup and theme). */
  subtitle?: string;
  creator: string;
  description?: string;
};

/** The document as a .docx file. */
export async function jsonToDocx(doc: JSONContent, meta: DocxMeta): Promise<Buffer> {
  let instance = 0;
  const body = blocks(boldHeaderCells(doc).content, {
    listLevel: 0,
    list: null,
    quote: false,
    nextInstance: () => ++instance,
  });
  const document = new Document({
    title: meta.title,
    creator: meta.creator,
    description: meta.description,
    styles: {
      default: {
        document: { run: { language: { value: "nl-NL" }, font: "Calibri", size: 22 } },
      },
      paragraphStyles: [
        {
          id: "Quote",
          name: "Quote",
          basedOn: "Normal",
          next: "Normal",
          run: { italics: true, color: "444444" },
          paragraph: { indent: { left: 720 } },
        },
      ],
    },
    numbering: {
      config: [
        { reference: BULLETS, levels: listLevels("bullet") },
        { reference: NUMBERS, levels: listLevels("decimal") },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(meta.title)] }),
          ...(meta.subtitle
            ? [new Paragraph({ style: "Subtitle", children: [new TextRun(meta.subtitle)] })]
            : []),
          ...body,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
