;; Imports something the spectest module does not have (runner.json).
(module (import "spectest" "nothing" (func)))
