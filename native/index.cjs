'use strict';
// The built addon; throws (caught by the TypeScript loader) when it was not built.
module.exports = require('./build/Release/switch_records.node');
