// The one style sheet of the intake, served as /static/intake.css (the CSP allows styles from the
// service itself only). Written for a 360-pixel phone first: one column, nothing wider than the
// screen (long references and fingerprints wrap), large touch targets; and for an A4 printout of the
// receipt, without the navigation.
export const STYLESHEET = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
[hidden] { display: none !important; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #1b1f23; background: #f4f6f8; overflow-wrap: anywhere; }
a { color: #0b5cad; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; }
header.top { background: #14532d; color: #fff; padding: 8px 12px; }
header.top .row { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 12px; justify-content: space-between; }
header.top .brand { font-weight: 600; }
header.top a, header.top button.link { color: #fff; }
header.top nav { display: flex; flex-wrap: wrap; gap: 4px 14px; margin-top: 6px; }
header.top nav a { padding: 6px 0; }
header.top nav a[aria-current="page"] { font-weight: 700; text-decoration: none; border-bottom: 2px solid #fff; }
header.top .who { font-size: 14px; opacity: .9; }
form.inline { display: inline; margin: 0; }
button.link { background: none; border: 0; padding: 0; font: inherit; text-decoration: underline; cursor: pointer; }
main { max-width: 760px; margin: 0 auto; padding: 12px; }
h1 { font-size: 1.4rem; margin: 8px 0 12px; }
h2 { font-size: 1.15rem; margin: 20px 0 8px; }
.scroll { overflow-x: auto; max-width: 100%; }
td.num, th.num { text-align: right; white-space: nowrap; }
h3 { font-size: 1rem; margin: 16px 0 6px; }
.card { background: #fff; border: 1px solid #d8dee4; border-radius: 6px; padding: 12px; margin: 0 0 12px; }
label { display: block; font-weight: 600; margin: 10px 0 4px; }
label.check { display: flex; gap: 8px; align-items: flex-start; font-weight: 400; }
label.check input { margin-top: 4px; width: 20px; height: 20px; flex: none; }
input[type=text], input[type=password], input[type=number], input:not([type]), select, input[type=file] {
  width: 100%; max-width: 100%; font: inherit; padding: 8px; border: 1px solid #8c959f; border-radius: 4px; background: #fff; }
input[aria-invalid=true] { border: 2px solid #b42318; background: #fff5f5; }
.hint { color: #57606a; font-size: 14px; margin: 2px 0; }
button, .button { display: inline-block; font: inherit; font-weight: 600; padding: 10px 18px; margin-top: 14px;
  border-radius: 4px; border: 0; background: #14532d; color: #fff; cursor: pointer; text-decoration: none; }
.button.secondary { background: #e7ecf0; color: #1b1f23; }
.notice { padding: 10px 12px; border-radius: 4px; margin: 0 0 12px; }
.notice.error { background: #fdecea; border-left: 4px solid #b42318; }
.notice.ok { background: #e9f7ef; border-left: 4px solid #1a7f37; }
.notice.info { background: #eef4fb; border-left: 4px solid #0b5cad; }
ul.issues { list-style: none; padding: 0; margin: 0; }
ul.issues li { border-left: 4px solid #b42318; background: #fff; padding: 8px 10px; margin: 0 0 8px; }
ul.issues li.warning { border-left-color: #bf8700; }
ul.issues .where { display: block; font-weight: 600; }
ul.issues .hint { display: block; }
.field-error { color: #b42318; font-size: 14px; margin: 2px 0 0; }
table { width: 100%; border-collapse: collapse; background: #fff; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #d8dee4; vertical-align: top; }
th { font-size: 14px; color: #57606a; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 14px; white-space: nowrap; }
.badge.missing { background: #fdecea; color: #8a1c12; }
.badge.received, .badge.waiting { background: #fff4d6; color: #6b4a00; }
.badge.in-dhis2, .badge.delivered { background: #e9f7ef; color: #1a5e2f; }
.badge.partly-refused { background: #fde7d6; color: #8a3a00; }
dl.facts { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 4px 12px; margin: 0; }
dl.facts dt { color: #57606a; }
dl.facts dd { margin: 0; font-weight: 600; }
.mono { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 14px; word-break: break-all; }
.reference { font-size: 1.5rem; font-weight: 700; letter-spacing: .04em; }
fieldset { border: 1px solid #d8dee4; border-radius: 6px; margin: 0 0 12px; padding: 4px 12px 12px; background: #fff; min-width: 0; }
legend { font-weight: 700; padding: 0 4px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; }
@media (max-width: 480px) {
  th.optional, td.optional { display: none; }
  dl.facts { grid-template-columns: minmax(0, 1fr); }
  dl.facts dd { margin-bottom: 6px; }
}
@page { size: A4; margin: 15mm; }
@media print {
  body { background: #fff; font-size: 11pt; }
  header.top, .no-print, .skip { display: none !important; }
  main { max-width: none; padding: 0; }
  .card { border: 1px solid #999; break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`
