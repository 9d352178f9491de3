/**
 * `npx tsx scripts/sgVariants.ts [--misses]`: the safeguarding topics (safeguarding.ts) under
 * general wording variants. Each topic has a few sentence templates and slots filled from word
 * lists written from general English and UK school usage (not from any question set): who (pupil
 * words, year groups, former pupils), the act (connecting, messaging, platforms), press words,
 * image words, abuse words. Every combination is answered; the measure is how often the topic's
 * governing clause leads and its report button (or what-to-do line) comes with it.
 */
import { DEFAULT_POLICY } from '../src/config';
import { loadKnowledgeBase } from '../src/domain/policy/knowledgeBase';
import { Answerer } from '../src/domain/policy/answerer';

const PUPILS = ['a pupil', 'one of my students', 'a kid in my class', 'a year 9 girl', 'one of my y10s', 'a lad in my form', 'a child in year 5', 'one of my tutees', 'a sixth former', 'a student in my set', 'a year 11 boy', 'a learner'];
const FORMER = ['a former pupil', 'an ex-student', 'a pupil who left last summer', 'one of last year\'s leavers', 'an old student who is now at college'];
const CONNECT = [
  ['sent me a friend request on facebook', '7.6.15'], ['followed me on insta', '7.6.15'], ['added me on snapchat', '7.6.15'],
  ['wants to follow me on tiktok', '7.6.15'], ['requested to follow my private instagram', '7.6.15'], ['tried to add me on snap', '7.6.15'],
  ['slid into my dms on instagram', '7.6.15'], ['found my twitter and followed me', '7.6.15'], ['asked for my snapchat', '7.6.15'],
  ['sent me a message request on insta', '7.6.15'], ['wants to be friends on fb', '7.6.15'], ['keeps liking my posts on instagram', '7.6.15'],
];
const MESSAGE = [['texted me', '9.1'], ['messaged me on whatsapp', '9.1'], ['emailed my personal gmail', '9.1'], ['got hold of my mobile number and rang me', '9.1'], ['asked to meet up for a coffee', '9.1'], ['keeps messaging me at night', '9.1']];
const PRESS = ['a journalist', 'a reporter from the local paper', 'someone from the bbc', 'a journo', 'a freelance writer', 'a news website', 'a tv crew', 'the local rag', 'a radio station', 'a reporter'];
const PRESS_ACT = ['rang the school asking about the incident', 'emailed me for a comment', 'messaged me on twitter about the inspection', 'turned up at the gate wanting a quote', 'wants to interview me about the strike'];
const IMAGES = ['photos of my class', 'a video of the kids doing their play', 'pics of pupils on the trip', 'a selfie with some year 6s', 'footage of the sports day race with the children', 'a picture of a student\'s work with her face in it', 'a clip of my form doing a dance'];
const IMAGE_ACT = ['can i post {x} on my own instagram', 'is it ok to put {x} on facebook', 'can i share {x} in our class whatsapp group', 'can i upload {x} to tiktok', 'i put {x} on my story, is that ok'];
const ABUSE = [
  'a parent is slagging off mr jones on facebook', 'someone made a fake account pretending to be my colleague', 'parents are trolling our head on a local facebook group',
  'a parent called my colleague a useless idiot in a facebook comment', 'there\'s a nasty post about a teacher in the community group', 'people are posting vile comments about miss khan online',
  'a dad is threatening a ta on twitter', 'someone is harassing a member of staff on instagram', 'a post calls our deputy head a nonce', 'a parent has been posting lies about a colleague on tiktok',
  'i\'m being trolled by a parent on facebook', 'a group of parents keep mocking me in a whatsapp group and it got screenshotted',
];

async function main(): Promise<void> {
  const answerer = new Answerer(await loadKnowledgeBase([DEFAULT_POLICY]));
  const cases: { topic: string; q: string; want: string[] }[] = [];
  for (const p of PUPILS) for (const [act, clause] of CONNECT) cases.push({ topic: 'pupil-connect', q: `${p} ${act}`, want: [clause] });
  for (const p of PUPILS) for (const [act] of MESSAGE) cases.push({ topic: 'pupil-message', q: `${p} ${act}`, want: ['9.1', '7.6.15'] });
  for (const p of FORMER) for (const [act] of [...CONNECT.slice(0, 4), ...MESSAGE]) cases.push({ topic: 'former-pupil', q: `${p} ${act}`, want: ['9.1', '7.6.15'] });
  for (const p of PRESS) for (const a of PRESS_ACT) cases.push({ topic: 'press', q: `${p} ${a}`, want: ['10.1', '7.6.6'] });
  for (const x of IMAGES) for (const t of IMAGE_ACT) cases.push({ topic: 'pupil-images', q: t.replace('{x}', x), want: ['8.1'] });
  for (const a of ABUSE) for (const tail of ['', ', what do i do', ' - what should i do?']) cases.push({ topic: 'staff-abuse', q: `${a}${tail}`, want: ['3.1', '7.6.7', '7.7.1', '7.7.2'] });
  // A second batch, written before the first batch's misses were looked at: questions, narrative and slang.
  const WHO2 = ['my year 8', 'a boy from my form', 'one of the year 13s', 'a girl i teach', 'a kid from my old school', 'a student teacher\'s pupil', 'a yr 7', 'one of the children in my class', 'a pupil with send', 'a child i tutor at school'];
  const ACT2 = [['is it ok to accept {w}\'s follow request', '7.6.15'], ['{w} wants to add me as a mate on snap, can i', '7.6.15'], ['should i block {w} who keeps requesting me on insta', '7.6.15'],
    ['{w} dm\'d me on tiktok', '7.6.15'], ['{w} has been sending me snaps', '9.1|7.6.15'], ['can i give {w} my number for revision questions', '9.1|7.6.15'], ['{w} found me on linkedin and sent a connection request', '7.6.15'],
    ['can i play fortnite online with {w}', '7.6.15|9.1'], ['{w} messaged me on my personal email', '9.1|7.6.15']];
  for (const w of WHO2) for (const [t, c] of ACT2) cases.push({ topic: 'pupil-contact-2', q: t.replace('{w}', w), want: c.split('|') });
  const PRESS2 = ['got a call from the daily mail', 'the evening news want me on camera', 'a blogger wants to write about my classroom', 'someone from the guardian emailed asking about the head', 'a podcast asked me to talk about the school', 'the gazette rang asking for a statement'];
  for (const p of PRESS2) cases.push({ topic: 'press-2', q: p, want: ['10.1', '7.6.6'] });
  const IMG2 = ['can i put a photo of the netball team on my facebook', 'i filmed the year 3 assembly, can i post it', 'a parent wants the video of the nativity with all the kids in it', 'can i use a pic of my pupils as my whatsapp profile picture', 'is a group shot of the kids on the residential ok for my insta', 'posting a snap of my class on twitter ok?'];
  for (const p of IMG2) cases.push({ topic: 'images-2', q: p, want: ['8.1'] });
  const AB2 = ['a parent put a meme of me online calling me a joke of a teacher', 'someone is spreading rumours about the head on facebook', 'parents have started a petition online saying mr smith is a pervert', 'a mum has been sending abusive messages to our receptionist', 'a dad posted my home address on facebook', 'people in the local group are calling our teachers lazy scroungers'];
  for (const p of AB2) cases.push({ topic: 'abuse-2', q: p, want: ['3.1', '7.6.7', '7.7.1', '7.7.2'] });
  // Third batch: whole questions in several voices (TA, office, governor, head), typos and framing,
  // written after the second batch's fixes and scored once before any change (docs/ANSWERS.md).
  const THIRD: [string, string][] = [
    ['one of the yr 10 girls has added me on snapchat, i havent accepted, what do i do', '7.6.15'],
    ['A Year 6 parent says her daughter has been trying to follow me on Instagram. Do I need to do anything?', '7.6.15'],
    ['As a governor, a pupil from the school sent me a LinkedIn connection request. Is that a problem?', '7.6.15'],
    ['im a TA and a lad in year 4 keeps asking what my tiktok is', '7.6.15'],
    ['a student i mentor found my personal facebook and sent a freind request', '7.6.15'],
    ['got a message request on insta from a kid in my registration group', '7.6.15'],
    ['the head said its fine but can i accept a follow from a sixth form student', '7.6.15'],
    ['a boy in my maths set keeps sending me memes on whatsapp', '9.1'],
    ['one of our leavers (16) wants to meet for a drink to say thanks', '9.1'],
    ['ex pupil now 17 has been messaging me on insta asking for advice', '9.1'],
    ['A former student who left in July keeps texting my personal phone.', '9.1'],
    ['is it ok to give my mobile number to a year 11 for revision help over half term', '9.1'],
    ['a pupil emailed me on my hotmail, how did they even get it', '9.1'],
    ['a 15 year old from our school wants to play xbox online with me', '7.6.15'],
    ['The Daily Mirror has phoned reception asking about our Ofsted report.', '10.1'],
    ['a journo from the local rag messaged me on facebook about the teacher who was suspended', '10.1'],
    ['someone claiming to be from BBC Radio wants a comment on the school closure', '10.1'],
    ['a reporter is outside the gates asking parents and staff questions', '10.1'],
    ['got an email from a news site asking me to confirm what happened on the trip', '10.1'],
    ['a podcaster wants to interview me about teaching at our school', '10.1'],
    ['can I put a pic of my reception class on my personal instagram if I blur the faces', '8.1'],
    ['a parent wants me to send them the video of sports day with all the kids', '8.1'],
    ['can i post photos of the kids at the christmas fair on my own fb', '8.1'],
    ['i took some pictures of year 2 on the school trip on my own phone, is that ok', '8.1'],
    ['can the PTA share photos of the pupils at the disco on their facebook page', '8.1'],
    ['is it alright to film my class performing and put it on youtube', '8.1'],
    ['a parent is slating our head teacher on the village facebook page, calling her incompetent', '3.1'],
    ['Someone set up a fake Instagram account using my name and photo.', '7.6.7'],
    ['parents in a whatsapp group are saying nasty things about my colleague, someone sent me screenshots', '3.1'],
    ['a dad threatened me in a facebook comment', '7.6.7'],
    ['a parent keeps tagging me in posts calling me a bad teacher', '7.6.7'],
    ['a mum called our TA a snob and worse on tiktok', '3.1'],
    ['people are leaving horrible reviews about our teachers online', '3.1'],
    ['there is a post in a local group accusing one of our teachers of hitting a child', '3.1'],
  ];
  for (const [q, c] of THIRD) cases.push({ topic: 'third', q, want: c === '7.6.15' || c === '9.1' ? ['7.6.15', '9.1'] : c === '10.1' ? ['10.1', '7.6.6'] : c === '8.1' ? ['8.1'] : ['3.1', '7.6.7', '7.7.1', '7.7.2'] });
  const by = new Map<string, { n: number; lead: number; button: number; misses: string[] }>();
  for (const c of cases) {
    const a = answerer.answer(c.q);
    const s = by.get(c.topic) ?? { n: 0, lead: 0, button: 0, misses: [] };
    by.set(c.topic, s);
    s.n++;
    const first = a.answered ? a.citations[0]?.id : undefined;
    const lead = Boolean(first && c.want.includes(first));
    if (lead) s.lead++;
    if (lead && (a.nextSteps.length > 0)) s.button++;
    if (!lead || !a.nextSteps.length) s.misses.push(`  ${c.topic}: "${c.q}" -> ${a.answered ? a.citations.slice(0, 3).map((x) => x.id).join(', ') : 'not covered'}${a.nextSteps.length ? '' : ' (no next step)'}`);
  }
  let n = 0; let lead = 0; let button = 0;
  for (const [topic, s] of by) {
    n += s.n; lead += s.lead; button += s.button;
    console.log(`${topic.padEnd(14)} ${String(s.n).padStart(4)}  leads ${((s.lead / s.n) * 100).toFixed(1)}%  with next step ${((s.button / s.n) * 100).toFixed(1)}%`);
  }
  console.log(`${'all'.padEnd(14)} ${String(n).padStart(4)}  leads ${((lead / n) * 100).toFixed(1)}%  with next step ${((button / n) * 100).toFixed(1)}%`);
  if (process.argv.includes('--misses')) for (const s of by.values()) for (const m of s.misses) console.log(m);
}

main().catch((err) => { console.error(err); process.exit(1); });
