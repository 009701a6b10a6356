// Lets Node run the bench straight from its TypeScript sources, as ts-jest runs the tests. Compiling to
// another directory would move every file, and paths the code resolves from __dirname (prisma/migrations,
// tests/fixtures) would point into that directory. `npm run bench` type-checks with tsc before this runs.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const configFile = path.resolve(__dirname, '../../tsconfig.bench.json');
const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configFile));
const compilerOptions = { ...options, noEmit: false, inlineSourceMap: true };

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
