// Fill, save and render PDFs with pdf.js, the way Firefox does (tests/e2e/pdfjs.py runs it).
//
// Firefox's annotation layer writes what a user does into annotationStorage, keyed by widget:
// a text field's string, a checkbox's true, and for a radio group true on the chosen widget and
// false on its siblings. Saving is PDFDocumentProxy.saveDocument(), which writes /V, /AS and new
// appearance streams. Rendering with AnnotationMode.ENABLE draws the saved file as it is.
//
//   node pdfjs_forms.mjs PDFJS_DIR fill in.pdf out.pdf values.json   {"doc.block.item": "text" | true | "export"}
//   node pdfjs_forms.mjs PDFJS_DIR render in.pdf out-prefix scale [page]   writes out-prefix-<page>.png
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dir, cmd, ...args] = process.argv.slice(2);
const dist = path.join(dir, "node_modules", "pdfjs-dist");
const pdfjs = await import(pathToFileURL(path.join(dist, "legacy", "build", "pdf.mjs")).href);

async function open(file) {
  const data = new Uint8Array(fs.readFileSync(file));
  return pdfjs.getDocument({ data, standardFontDataUrl: path.join(dist, "standard_fonts") + "/",
                             cMapUrl: path.join(dist, "cmaps") + "/", cMapPacked: true, verbosity: 0 }).promise;
}

async function widgets(doc) {
  const byName = {};
  for (let p = 1; p <= doc.numPages; p++) {
    for (const a of await (await doc.getPage(p)).getAnnotations()) {
      if (a.subtype !== "Widget") continue;
      const type = a.checkBox ? "checkbox" : a.radioButton ? "radio" : a.fieldType === "Tx" ? "text" : a.fieldType;
      (byName[a.fieldName] ||= []).push({ id: a.id, type, export: a.buttonValue ?? a.exportValue });
    }
  }
  return byName;
}

if (cmd === "fill") {
  const [input, output, valuesPath] = args;
  const doc = await open(input);
  const byName = await widgets(doc);
  for (const [name, value] of Object.entries(JSON.parse(fs.readFileSync(valuesPath, "utf8")))) {
    if (!byName[name]) throw new Error(`no field named ${name}`);
    for (const w of byName[name]) {
      const stored = w.type === "text" ? String(value) : w.type === "checkbox" ? value === true : String(value) === String(w.export);
      doc.annotationStorage.setValue(w.id, { value: stored });
    }
  }
  fs.writeFileSync(output, await doc.saveDocument());
  await doc.destroy();
} else if (cmd === "render") {
  const [input, prefix, scale, only] = args;
  const doc = await open(input);
  for (let p = 1; p <= doc.numPages; p++) {
    if (only && Number(only) !== p) continue;
    const page = await doc.getPage(p);
    const viewport = page.getViewport({ scale: Number(scale) });
    const { canvas, context } = doc.canvasFactory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvas, canvasContext: context, viewport, annotationMode: pdfjs.AnnotationMode.ENABLE }).promise;
    fs.writeFileSync(`${prefix}-${p}.png`, canvas.toBuffer("image/png"));
    page.cleanup();
  }
  await doc.destroy();
} else {
  console.error("usage: node pdfjs_forms.mjs PDFJS_DIR fill|render ...");
  process.exit(2);
}
