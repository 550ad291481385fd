// The fair's check-in desk (a tablet, 1024×768, touch): the staff token pasted once (or a desk
// code typed, exchanged for one) and kept in this tab; check-in by phone, ID number or the text of a QR code (the camera where the
// browser can read codes); a walk-in's short form with places and trades to pick from; the
// seeker's best jobs here with booth, employer, monthly wage and reason; the printed slip.
import {
  api,
  apiFile,
  credential,
  data,
  employerName,
  h,
  isFairCode,
  lang,
  personOf,
  problemText,
  signIn,
  suggestForPerson,
  word,
  yuan,
} from './common.js';

const TOKEN = 'duijie.staffToken';
const FAIR = 'duijie.deskFair';
const desk = document.getElementById('desk');
const fairSelect = document.getElementById('fair');
const results = document.getElementById('results');
const status = document.getElementById('result-status');
const slipButton = document.getElementById('slip');
let token = '';
let lastSeeker = null;
void data;

const fairId = () => fairSelect.value;

async function showCheckin(checkin) {
  lastSeeker = checkin.seeker.id;
  const head = `${word('desk.checkedIn')}: ${checkin.seeker.name}`;
  status.textContent = checkin.existing ? `${head} · ${word('desk.again')}` : head;
  status.classList.remove('error');
  const items = await Promise.all(
    checkin.recommendations.map(async (r) =>
      h(
        'li',
        {},
        h('span', { class: 'booth' }, `${word('hall.booth')} ${r.booth}`),
        h('span', { class: 'employer' }, await employerName(r.vacancy.employerId)),
        ' · ',
        h('span', { class: 'title' }, r.vacancy.title),
        ' · ',
        h('span', { class: 'wage' }, yuan(r.vacancy.monthlyWage.monthlyMin, r.vacancy.monthlyWage.monthlyMax)),
        h('span', { class: 'reason' }, r.match.reason?.[lang] ?? r.match.reason?.zh ?? ''),
      ),
    ),
  );
  results.replaceChildren(...(items.length ? items : [h('li', { class: 'muted' }, word('desk.none'))]));
  slipButton.hidden = false;
}

function showProblem(err) {
  status.textContent = problemText(err);
  status.classList.add('error');
  results.replaceChildren();
  slipButton.hidden = true;
}

async function checkIn(body) {
  status.textContent = '…';
  try {
    await showCheckin(await api('POST', `/v1/fairs/${fairId()}/checkins`, { body, token }));
    return true;
  } catch (err) {
    showProblem(err);
    return false;
  }
}

// Check-in by phone, ID number or QR text.
const checkinForm = document.getElementById('checkin');
const valueInput = document.getElementById('checkin-value');
const valueLabel = document.getElementById('checkin-label');
const way = () => checkinForm.elements.by.value;
for (const radio of checkinForm.elements.by) {
  radio.addEventListener('change', () => {
    valueLabel.textContent = word(`desk.${way()}`);
    valueInput.inputMode = way() === 'phone' ? 'tel' : 'text';
    valueInput.value = '';
    valueInput.focus();
  });
}
checkinForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const value = valueInput.value.trim();
  if (!value) return;
  if (await checkIn({ [way()]: value })) valueInput.value = '';
});

// The camera, where the browser reads QR codes itself (BarcodeDetector); else the code's text is typed or pasted.
const scan = document.getElementById('scan');
if ('BarcodeDetector' in window && navigator.mediaDevices?.getUserMedia) {
  scan.hidden = false;
  scan.addEventListener('click', async () => {
    const video = document.getElementById('camera');
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    } catch (err) {
      // No camera, or not allowed: the code's text can still be typed.
      status.textContent = `${word('desk.noCamera')} (${err.name})`;
      status.classList.add('error');
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    const look = async () => {
      const [code] = await detector.detect(video).catch(() => []);
      if (!code) return requestAnimationFrame(look);
      for (const track of stream.getTracks()) track.stop();
      video.hidden = true;
      checkinForm.elements.by.value = 'qr';
      await checkIn({ qr: code.rawValue });
    };
    look();
  });
}

// A walk-in: registered on the demand list of the staff's region and checked in at once.
suggestForPerson('w', () => token);
document.getElementById('walkin').addEventListener('submit', async (event) => {
  event.preventDefault();
  const { person, expectedWage } = personOf('w');
  const walkIn = { ...person, demand: { regionScope: 'prefecture', ...(expectedWage ? { expectedWage } : {}) } };
  if (await checkIn({ walkIn })) event.target.reset();
});

// The slip: asked for with the token, opened as a page of its own to print.
slipButton.addEventListener('click', async () => {
  try {
    const { blob } = await apiFile(`/v1/fairs/${fairId()}/checkins/${lastSeeker}/slip`, { token, accept: 'text/html' });
    const url = URL.createObjectURL(blob);
    window.open(url, '_blank', 'noopener');
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    showProblem(err);
  }
});

fairSelect.addEventListener('change', () => {
  sessionStorage.setItem(FAIR, fairId());
  document.getElementById('hall-link').href = `/hall/${fairId()}`;
});

// A desk code from the fair's staff is exchanged for a fair desk's token, and names the fair.
const deskCode = async (value) => {
  if (!isFairCode(value)) return null;
  const signedIn = await api('POST', '/v1/staff/desk-code', { body: { code: value } });
  sessionStorage.setItem(FAIR, signedIn.fairId);
  return signedIn.token;
};

signIn(
  TOKEN,
  async (value) => {
    token = value;
    desk.hidden = false;
    try {
      const fairs = await api('GET', '/v1/fairs?limit=50', { token });
      const items = fairs.items ?? [];
      fairSelect.replaceChildren(...items.map((f) => h('option', { value: f.id }, f.name)));
      if (!items.length) status.textContent = word('desk.noFairs');
      const kept = sessionStorage.getItem(FAIR);
      if (kept && items.some((f) => f.id === kept)) fairSelect.value = kept;
      fairSelect.dispatchEvent(new Event('change'));
    } catch (err) {
      if (err.status === 401) {
        credential.clear(TOKEN);
        location.reload();
        return;
      }
      showProblem(err);
    }
  },
  deskCode,
);
