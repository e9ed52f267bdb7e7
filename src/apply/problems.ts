// Kept for the import in apply.ts: the checks live in ./problems/ (one file per family).
export {collectProblems, rejectionProblems, rejectionCode, sortProblems, PROBLEM_CODES} from './problems/index.js'
