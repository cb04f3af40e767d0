// `node --import` this before jco so that `jco embed --wit <dir>` can read
// the WIT folder: jco reads it through preview2-shim, which sees only
// preopened directories.
import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';
_setPreopens({ '/': '/' });
