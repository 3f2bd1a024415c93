// GET https://app.instantly.ai/demo: the demo's "Who am I?" page (npm start opens it). A page's
// own fetch to the API, as an internal tool would make it, so a new user sees the switch work:
// act as a sub workspace in the popup, press the button, and the API answers as that workspace.
// The key comes from the textbox, prefilled from `#key=…` (a fragment never reaches a server).
// [stub on branch proof-11 until the fake-api branch's own /demo lands; same names and roles]

export const DEMO_PATH = '/demo';

export function demoPage(): string {
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Who am I? · Workspace Switcher demo</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}input{width:100%;font:inherit;padding:.3rem}button{font:inherit;margin:.6rem 0;padding:.3rem .9rem}[role=status]{font-weight:600}</style>
<h1>Who does the API answer as?</h1>
<p>This page calls <code>GET https://api.instantly.ai/api/v2/workspaces/current</code> with the key below, as
any page's own script would. Act as a sub workspace in the extension's popup, then ask again.</p>
<label>API key <input id="key" type="password" autocomplete="off"></label>
<button id="who" type="button">Who am I?</button>
<p id="answer" role="status"></p>
<script>
const key = document.getElementById('key');
const answer = document.getElementById('answer');
key.value = new URLSearchParams(location.hash.slice(1)).get('key') || '';
document.getElementById('who').addEventListener('click', async () => {
  answer.textContent = 'Asking…';
  try {
    const response = await fetch('https://api.instantly.ai/api/v2/workspaces/current', { headers: { authorization: 'Bearer ' + key.value } });
    const body = await response.json().catch(() => ({}));
    answer.textContent = response.ok
      ? 'The API answered as ' + body.name + ' (' + body.id + ')'
      : 'The API refused (' + response.status + '): ' + (body.message || '');
  } catch {
    answer.textContent = 'Could not reach the API.';
  }
});
</script>
</html>
`;
}
