// Which build this is, fixed at build time: code behind TEST_BUILD exists only for the tests (the
// e2e build, `wxt build --mode e2e`, and vitest, whose mode is 'test'). The bundler replaces the
// mode with its value, so in the shipped build (mode 'production') every `if (TEST_BUILD)` is
// `if (false)` and the code behind it is left out (test/e2e/shipped-build.spec.ts checks).
export const TEST_BUILD = import.meta.env.MODE !== 'production';
