// @microsoft/app-manifest require()s strip-bom@5, which is ESM-only; Node can require() it, jest's
// module loader cannot. jest.config.js maps 'strip-bom' here, to the same one-line function.
module.exports = (text) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
module.exports.default = module.exports;
