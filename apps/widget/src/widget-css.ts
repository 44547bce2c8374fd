/** The panel's styles, inside the shadow root (the page's styles do not reach in). */
export const WIDGET_CSS = `
.panel{position:fixed;right:20px;bottom:88px;z-index:2147483647;width:360px;max-height:min(600px,calc(100vh - 110px));
display:flex;flex-direction:column;gap:8px;box-sizing:border-box;padding:12px;background:#fff;color:#111827;
border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.panel[hidden],.panel [hidden]{display:none}
header{display:flex;align-items:center;justify-content:space-between}
h2{margin:0;font-size:16px}
button{font:inherit;cursor:pointer}
.close{border:0;background:none;font-size:24px;line-height:1;padding:4px 10px;color:#111827;border-radius:6px}
button:focus-visible,input:focus-visible,textarea:focus-visible,.log:focus-visible,a:focus-visible{outline:3px solid #f59e0b;outline-offset:1px}
.intro,.status,.typing{margin:0;color:#4b5563;font-size:13px}
.status:empty,.typing:empty,.alert:empty{display:none}
.alert{margin:0;color:#b91c1c}
.log{flex:1;min-height:120px;overflow-y:auto;display:flex;flex-direction:column;gap:6px}
.message{max-width:85%;padding:6px 10px;border-radius:10px;background:#f3f4f6;align-self:flex-start}
.message.mine{align-self:flex-end;background:#dbeafe}
.who{display:block;font-size:12px;font-weight:600;color:#374151}
.text{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.message a{display:block;color:#1d4ed8}
.pending,.failed{display:block;font-size:12px;color:#4b5563}
.failed{color:#b91c1c}
.notice{margin:0;padding:6px 10px;border-left:3px solid var(--sb-accent,#1d4ed8);background:#eff6ff;font-size:13px}
.composer{display:flex;flex-direction:column;gap:6px}
.identity{display:flex;flex-direction:column;gap:6px}
.field{display:flex;flex-direction:column;gap:2px;font-size:12px;color:#374151}
input,textarea{font:inherit;color:#111827;padding:6px 8px;border:1px solid #6b7280;border-radius:6px;background:#fff}
textarea{resize:vertical}
.send,.new{align-self:flex-end;padding:8px 16px;border:0;border-radius:6px;background:var(--sb-accent,#1d4ed8);color:#fff}
.link{align-self:flex-start;border:0;background:none;padding:2px 0;color:#1d4ed8;text-decoration:underline}
@media (max-width:480px){.panel{inset:0;width:auto;max-height:none;border-radius:0}}
`;
