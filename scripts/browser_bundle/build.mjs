// esbuild with the settings of plotly.js's own esbuild-config.js (iife, global "Plotly",
// es2016, the same defines), plus the stand-ins in stubs/ for large dependencies the map does
// not use (each stub says why). Usage: node build.mjs ENTRY OUTFILE (run by build.sh).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const STUBS = {
  'country-iso-search': 'country-iso-search.js',
  'd3-geo-projection': 'd3-geo-projection.js',
  culori: 'culori.mjs',
  polybooljs: 'polybooljs.js',
};
const stubs = {
  name: 'stubs',
  setup(build) {
    const filter = new RegExp('^(' + Object.keys(STUBS).join('|') + ')$');
    build.onResolve({ filter }, (args) => ({ path: path.join(here, 'stubs', STUBS[args.path]) }));
  },
};

const [entry, outfile] = process.argv.slice(2);
const result = await esbuild.build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  minify: true,
  format: 'iife',
  globalName: 'Plotly',
  target: 'es2016',
  define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
  alias: { stream: 'stream-browserify' },
  plugins: [stubs],
  // The only stylesheet plotly imports is maplibre-gl's, for tile maps (registry.js); unused here.
  loader: { '.css': 'empty' },
  legalComments: 'none',  // the licences ship beside the bundle (assets/vendor/*.LICENSE.txt)
  metafile: true,
  logLevel: 'warning',
});
fs.writeFileSync(outfile + '.meta.json', JSON.stringify(result.metafile));

// The licence of every package whose code is in the bundle, for the file shipped beside it.
const packages = new Map();
for (const input of Object.keys(result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].inputs)) {
  const match = input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//);
  if (match && !packages.has(match[1])) packages.set(match[1], JSON.parse(fs.readFileSync(path.join(match[1], 'package.json'))));
}
const notices = [...packages.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name)).map(([dir, pkg]) => {
  const file = fs.readdirSync(dir).find((name) => /^licen[cs]e/i.test(name));
  const text = file ? fs.readFileSync(path.join(dir, file), 'utf8').trim() : `License: ${pkg.license}`;
  return `${pkg.name}@${pkg.version} (${pkg.license})\n\n${text}\n`;
});
fs.writeFileSync(outfile.replace(/\.min\.js$/, '.LICENSES.txt'),
  `Third-party code in ${path.basename(outfile)}, one section per npm package.\n\n` + notices.join('\n' + '-'.repeat(72) + '\n\n'));
