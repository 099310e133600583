// The intake's one script, served as /static/print.js: a « Imprimer » button on the receipt, shown only
// where printing from the page works (a phone browser hides its print menu deep). Without scripts the
// button stays hidden and the receipt prints the same from the browser's menu.
export const PRINT_SCRIPT = [
    '(function () {',
    "  var button = document.getElementById('print');",
    "  if (!button || typeof window.print !== 'function') return;",
    '  button.hidden = false;',
    "  button.addEventListener('click', function () { window.print(); });",
    '})();',
    '',
].join('\n')
