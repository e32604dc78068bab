import { translate, type Language } from '../i18n/i18n.ts';

/** Saves a Blob as a file through a temporary link (nothing leaves the machine). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Renders the first chart SVG inside `container` to a PNG Blob (white background, 2× scale). */
export async function chartToPng(container: Element, language: Language = 'en'): Promise<Blob> {
  // The chart is the largest SVG in the container (legend icons are small SVGs too).
  const svgs = Array.from(container.querySelectorAll('svg'));
  const area = (e: Element) => e.getBoundingClientRect().width * e.getBoundingClientRect().height;
  const svg = svgs.sort((a, b) => area(b) - area(a))[0];
  if (!svg) throw new Error(translate(language, 'noChartToExport'));
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const source = new XMLSerializer().serializeToString(clone);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * 2);
  canvas.height = Math.ceil(height * 2);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(2, 2);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(translate(language, 'chartNotDrawn')))), 'image/png'));
}
