// `jco run --jco-import` this to give the component the preopens that
// wacc's --dir flags give: WACC_JCO_PREOPEN="HOST::GUEST" (one only).
// preview2-shim is loaded from jco's own install, the copy jco run uses.
const shim = new URL('../../../tools/jco/node_modules/@bytecodealliance/preview2-shim/dist/nodejs/filesystem.js',
                     import.meta.url);
const { _setPreopens } = await import(shim);
const [host, guest] = (process.env.WACC_JCO_PREOPEN ?? '').split('::');
_setPreopens(host ? { [guest ?? host]: host } : {});
