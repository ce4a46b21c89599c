// culori with the colour spaces plotly needs for this map: CSS colours in sRGB (hex, rgb(a),
// names), HSL (plotly converts to it) and linear RGB (for WCAG contrast). Imported from
// culori's tree-shakable "fn" entry, as plotly's own source recommends (components/color).
import { converter, formatHex, formatRgb, modeHsl, modeLrgb, modeRgb, useMode, wcagContrast, wcagLuminance } from 'culori/fn';

useMode(modeRgb);
useMode(modeLrgb);
useMode(modeHsl);

export { converter, formatHex, formatRgb, wcagContrast, wcagLuminance };
