import QRCode from "qrcode";

/** An SVG QR code of a link, to show on screen or print for a workshop. */
export function qrSvg(link: string): Promise<string> {
  return QRCode.toString(link, { type: "svg", margin: 1, errorCorrectionLevel: "M", color: { dark: "#1b2430", light: "#ffffff" } });
}
