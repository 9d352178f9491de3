/**
 * Staff vocabulary: how people in schools say things, mapped to the words policies use.
 * A query word or phrase on the left adds the words on the right to the search (at a lower
 * weight than what was typed). This is what the search library does not know: "insta" is social
 * media, "journo" is the press, "mums and dads" are parents/carers, "off sick" is absence.
 *
 * Written for school staff language in general, not for one question set. Each entry is one
 * idea; a trust can add its own through `vocabulary` in a policy's `.meta.json` sidecar.
 */

export interface VocabularyEntry {
  /** What staff type: words or short phrases, any case. */
  staff: string[];
  /**
   * The policy's words for it: alternatives separated by commas, each a word or a phrase
   * ("personal email addresses" must match as a whole; "images, pictures" either one).
   */
  policy: string;
  /**
   * How much the idea says about which clause applies (default 1). Platform names and verbs
   * like "post" are the backdrop of a social media policy, not its topics: they weigh less.
   */
  weight?: number;
}

/**
 * UK insults and abuse slang, from general usage (not from question sets): most are not common
 * English words, so without an entry typo correction would rewrite them. safeguarding.ts reads
 * them as abuse.
 */
export const INSULT_SLANG = ['nonce', 'paedo', 'pedo', 'groomer', 'pervert', 'perv', 'creep', 'weirdo', 'psycho', 'moron', 'scum', 'scumbag', 'prat', 'muppet',
  'numpty', 'tosser', 'wanker', 'twat', 'dickhead', 'knobhead', 'slut', 'slag', 'minger', 'doxxed', 'doxed', 'doxxing', 'slander', 'slandering', 'libel', 'smear', 'smearing',
  'death threat', 'death threats', 'hate campaign', 'hounding', 'stalking', 'cyberstalking'];

export const STAFF_VOCABULARY: VocabularyEntry[] = [
  // Platforms
  {
    staff: ['social media', 'facebook', 'fb', 'face book', 'insta', 'instagram', 'ig', 'tiktok', 'tik tok', 'snapchat', 'snap chat', 'twitter',
      'tweet', 'tweets', 'tweeted', 'threads', 'youtube', 'yt', 'reddit', 'pinterest', 'bereal', 'discord', 'twitch', 'tumblr',
      'bluesky', 'mastodon', 'socials', 'social network', 'social networks', 'social networking', 'online', 'story', 'stories',
      'reel', 'reels', 'vlog', 'blog', 'influencer', 'page', 'feed', 'profile', 'bio', 'on snap', 'sc', 'on sc',
      'whatsapp status', 'on x', 'x account', 'twitter x', 'x twitter', 'x formerly twitter',
      // Online games with chat and friends lists: a platform like any other for connecting.
      'fortnite', 'roblox', 'minecraft', 'xbox', 'xbox live', 'playstation', 'ps4', 'ps5', 'steam', 'call of duty', 'online gaming', 'gaming'],
    policy: 'social media',
    weight: 0.5,
  },
  { staff: ['linkedin', 'linked in'], policy: 'linkedin, professional networks' },
  {
    staff: ['whatsapp', 'whats app', 'what app', 'wa', 'text', 'texts', 'texting', 'texted', 'sms', 'imessage', 'messenger',
      'signal', 'telegram', 'group chat', 'groupchat', 'gc', 'voice note', 'voice notes', 'voice message', 'voicemail'],
    policy: 'whatsapp, text messaging, direct messaging, messenger, direct electronic communication',
  },
  { staff: ['dm', 'dms', 'dmd', 'direct message', 'pm', 'private message', 'messaged', 'messaging', 'inboxed', 'slid into'], policy: 'direct messaging, messages, contact, communication' },
  { staff: ['chat', 'chats', 'chatting'], policy: 'chat functions, messaging' },
  { staff: ['teams', 'ms teams', 'microsoft teams', 'teams chat', 'teams call', 'zoom', 'google meet', 'video call', 'online meeting', 'webinar'], policy: 'microsoft teams, meetings' },
  { staff: ['meeting', 'meetings', 'briefing', 'training event', 'conference'], policy: 'meetings, training events' },

  // Email
  { staff: ['mail', 'emails', 'emailing', 'emailed', 'outlook', 'inbox', 'mailbox'], policy: 'email' },
  {
    staff: ['my own email', 'my own email address', 'my own email account', 'my personal email', 'own email account', 'personal email account', 'private email account',
      'gmail', 'hotmail', 'yahoo', 'icloud', 'aol', 'btinternet', 'outlook com', 'live com', 'personal email', 'home email',
      'own email', 'private email', 'my email address', 'own email address', 'personal address'],
    policy: 'personal email addresses',
  },
  { staff: ['old email', 'old school email', 'previous school email', 'former school email', 'old address', 'legacy'], policy: 'legacy school email addresses' },
  { staff: ['signature', 'sig', 'email sig', 'footer', 'email footer', 'sign off', 'signoff', 'sign-off'], policy: 'email signature, template email signatures' },
  { staff: ['out of office', 'out of the office', 'ooo', 'auto reply', 'autoreply', 'auto-reply', 'automatic reply', 'away message', 'auto response'], policy: 'automatic reply out of office, absence' },
  { staff: ['cc', 'ccd', 'ccing', 'copy in', 'copied in', 'copying in', 'carbon copy', 'reply all', 'reply-all'], policy: 'copied cc' },
  { staff: ['bcc', 'bccd', 'bccing', 'blind copy', 'blind cc', 'blind carbon copy', 'to box', 'in the to', 'hide their addresses', 'hide the addresses', 'hide their emails', 'hide their email addresses', 'addresses visible', 'see each others addresses', 'see each others emails', 'everyones addresses', 'all their addresses', 'all the addresses', 'group email to parents', 'email all parents', 'email all the parents', 'emailing all the', 'emailing all parents'], policy: 'blind copying bcc' },
  { staff: ['attach', 'attached', 'attaching', 'attachments'], policy: 'attachment' },
  { staff: ['link', 'links', 'hyperlink', 'sharepoint', 'onedrive', 'one drive', 'shared drive', 'teams site'], policy: 'link to a website or sharepoint' },
  {
    staff: ['phishing', 'phish', 'scam', 'scams', 'spam', 'dodgy', 'suspicious', 'fake', 'hacked', 'hack', 'hacker', 'virus', 'malware', 'fraud', 'fraudulent', 'unknown sender', 'strange email', 'weird email', 'gift card', 'gift cards', 'vouchers', 'buy vouchers', 'itunes cards', 'urgent request', 'verify my account', 'confirm my login', 'confirm my password', 'is it genuine', 'looks genuine', 'looks real', 'is it real'],
    policy: 'it security, verifying the source',
  },
  { staff: ['wrong person', 'wrong recipient', 'wrong address', 'wrong email address', 'missent', 'mis-sent', 'sent it to the wrong', 'typo in the address', 'reply to all'], policy: 'recipients appropriate, addresses correctly typed' },
  { staff: ['not meant for me', 'not for me', 'meant for someone else', 'by mistake', 'by accident', 'accidentally', 'in error', 'wrongly sent', 'sent to me', 'meant for the', 'was meant for', 'intended for someone', 'intended for the', 'meant for another', 'meant for a colleague'], policy: 'not intended for them, intended recipient, inform the sender' },
  { staff: ['subject', 'subject line', 'email title', 'title of the email', 'email heading', 'subject field'], policy: 'subject line' },
  { staff: ['encrypt', 'encrypted', 'encryption', 'secure email', 'egress', 'password protect', 'password protected', 'securely'], policy: 'encryption system, sensitive information' },
  { staff: ['save', 'saving', 'store', 'storing', 'file', 'filing', 'archive', 'keep a copy', 'pdf'], policy: 'saved as a pdf, stored, folders' },
  { staff: ['retain', 'retention', 'how long', 'delete old', 'clear out', 'clean up'], policy: 'retained, retention policy' },
  { staff: ['training', 'train', 'course', 'how to use', 'help with', 'show me how', 'tutorial', 'it support'], policy: 'training, support' },
  { staff: ['reply', 'replies', 'replying', 'respond', 'responding', 'response', 'answer', 'get back to', 'write back'], policy: 'respond, responded' },
  { staff: ['how quickly', 'how fast', 'how soon', 'response time', 'turnaround', 'deadline to reply', 'how long to reply', 'how long do i have'], policy: 'responded within hours, next working day' },
  {
    // Times that are plainly outside working hours...
    staff: ['evening', 'evenings', 'weekend', 'weekends', 'night', 'nights', 'at night', 'late at night', '10pm', '9pm', '11pm', 'midnight', 'after hours',
      'out of hours', 'saturday', 'sunday', 'bedtime', 'work life balance'],
    policy: 'outside of their standard working hours, work life balance',
  },
  {
    // ...and words that only sometimes are ("after school" is also where a trip or a club happens).
    staff: ['late', 'pm', 'after school', 'holiday', 'holidays', 'half term', 'summer holidays', 'christmas', 'home time', 'wellbeing'],
    policy: 'outside of their standard working hours, work life balance',
    weight: 0.8,
  },

  // Records, law
  { staff: ['foi', 'freedom of information', 'foia'], policy: 'freedom of information, foi, disclosable' },
  { staff: ['sar', 'sars', 'dsar', 'subject access', 'subject access request', 'copies of emails', 'copy of my emails', 'see my emails',
    'request all the emails', 'request all emails', 'request the emails', 'request copies', 'ask for copies', 'all the emails', 'every email', 'all emails about',
    'everything written about', 'all the messages', 'copies of messages', 'data request', 'request their data', 'request my data'], policy: 'subject access requests' },
  { staff: ['gdpr', 'data protection', 'dpa', 'data breach', 'personal data'], policy: 'data protection' },
  { staff: ['disclose', 'disclosed', 'disclosure', 'request under'], policy: 'disclosable' },
  { staff: ['copyright', 'copyrighted', 'scan', 'scanned', 'photocopy', 'photocopied', 'textbook', 'worksheet', 'plagiarism', 'pirate', 'pirated', 'downloaded'], policy: 'copyright' },

  // Schoolwork set or revised through an account is what the policy calls teaching and learning (1.7).
  { staff: ['set homework', 'homework', 'revision', 'revision sessions', 'remote learning', 'home learning', 'online learning', 'classwork', 'set work'],
    policy: 'teaching and learning purposes', weight: 0.8 },

  // An adult former pupil with additional needs may be a vulnerable adult (9.1).
  { staff: ['learning difficulty', 'learning difficulties', 'learning disability', 'learning disabilities', 'additional needs', 'special needs', 'autism', 'autistic'],
    policy: 'vulnerable adult', weight: 0.8 },

  // Security, devices
  { staff: ['password', 'pw', 'login', 'log in', 'log-in', 'logon', 'log on', 'username', 'credentials', 'pin', 'passcode'], policy: 'passwords, account' },
  { staff: ['guessed my password', 'hacked', 'been hacked', 'got hacked', 'compromised', 'got into my account', 'logged into my account'], policy: 'passwords, security' },
  { staff: ['borrow my login', 'borrow my password', 'lend my login', 'lend my password', 'use my login', 'use my password', 'use my account', 'log in as me', 'logged in as me'], policy: 'share, passwords' },
  { staff: ['laptop', 'laptops', 'pc', 'computer', 'computers', 'ipad', 'ipads', 'tablet', 'chromebook', 'desktop', 'work phone', 'school phone', 'work laptop', 'school laptop', 'school computer', 'device', 'devices', 'equipment', 'kit'], policy: 'it equipment, ict equipment, communication equipment' },
  { staff: ['logged in', 'left open', 'unlocked', 'unattended', 'walk away', 'walked away', 'left it on', 'lock my screen', 'lock screen', 'still up on',
    'still open', 'left up', 'on the whiteboard', 'on the board', 'on the projector', 'on the screen', 'left the room', 'out of the room', 'out of my room'], policy: 'mailbox open unattended' },
  {
    staff: ['spilled', 'spilt', 'smashed', 'cracked', 'damaged', 'wont turn on', 'stolen', 'nicked', 'lost', 'went missing', 'left on the bus',
      'left on the train', 'left in the car', 'in my car', 'break in', 'burgled'],
    policy: 'security, equipment provided, protecting',
    weight: 0.8,
  },
  { staff: ['access my', 'read my', 'look at my', 'look through my', 'go through my', 'get into my', 'into my account'], policy: 'accessed, access, monitored, proxy' },
  { staff: ['check my email', 'check my emails', 'check email', 'check emails', 'check my inbox', 'check the inbox', 'check my work email', 'check my work inbox', 'look at my emails', 'log into my email', 'open my emails'], policy: 'email accounts, accessed, regular basis' },
  { staff: ['monitor', 'monitored', 'monitoring', 'spy', 'spying', 'snoop', 'snooping', 'watching', 'watched', 'tracked', 'tracking', 'checked', 'checking'], policy: 'monitored, monitoring' },
  { staff: ['off sick', 'sick', 'ill', 'illness', 'maternity', 'paternity', 'maternity leave', 'on leave', 'absent', 'absence', 'away', 'off work', 'signed off', 'sabbatical', 'not in'], policy: 'absence, absent' },
  { staff: ['ict', 'it rules', 'it policy', 'acceptable use', 'aup', 'it regulations'], policy: 'ict regulations, protocols' },

  // People
  {
    staff: ['kid', 'kids', 'child', 'children', 'childs', 'kiddies', 'lad', 'lads', 'girl', 'girls', 'boy', 'boys', 'teen', 'teens', 'teenager', 'teenagers',
      'learner', 'learners', 'youngster', 'youngsters', 'boarder', 'boarders', 'son', 'sons', 'daughter', 'daughters', 'sixth former', 'sixth form', 'tutee', 'mentee', 'class', 'my class', 'form group', 'year group', 'reception', 'nursery',
      'tutor group', 'my form', 'form class', 'tutor class'],
    policy: 'pupils, students, children',
    weight: 1.4,
  },
  { staff: ['pupil', 'pupils', 'student', 'students'], policy: 'pupils, students', weight: 1.4 },
  {
    staff: ['ex pupil', 'ex-pupil', 'expupil', 'ex pupils', 'ex-pupils', 'former pupil', 'former pupils', 'ex student', 'ex-student', 'ex students', 'former student',
      'old pupil', 'old student', 'alumni', 'alumnus', 'leaver', 'leavers', 'left school', 'left the school', 'who left', 'who has left', 'has left', 'have left', 'since left', 'left last year', 'left last summer', 'used to teach', 'i used to teach', 'taught last year', 'now left'],
    policy: 'former student, former pupils',
    weight: 1.4,
  },
  { staff: ['under 18', 'under eighteen', 'minor', 'minors', 'underage', 'under age', '16 year old', '17 year old', '15 year old', '14 year old', 'aged 16', 'aged 17'], policy: 'under the age of eighteen' },
  { staff: ['vulnerable', 'vulnerable adult', 'sen adult', 'adult with learning'], policy: 'vulnerable adult' },
  {
    staff: ['parent', 'parents', 'mum', 'mums', 'mummy', 'mother', 'dad', 'dads', 'daddy', 'father', 'carer', 'carers', 'guardian', 'guardians', 'step dad', 'stepdad',
      'step mum', 'stepmum', 'grandparent', 'grandparents', 'nan', 'nana', 'grandma', 'grandad', 'grandpa', 'aunt', 'auntie', 'uncle', 'family', 'families',
      'mums and dads', 'foster carer', 'relative', 'relatives'],
    policy: 'parents, carers, relatives',
    weight: 1.4,
  },
  {
    staff: ['colleague', 'colleagues', 'coworker', 'co-worker', 'coworkers', 'workmate', 'workmates', 'teacher', 'teachers', 'ta', 'tas', 'teaching assistant',
      'member of staff', 'staff member', 'lsa', 'hlta', 'cover supervisor', 'support staff', 'other teachers', 'another teacher', 'friend at work', 'nqt', 'ect', 'senco', 'sendco', 'inclusion lead', 'office manager', 'receptionist', 'business manager', 'bursar', 'head of year', 'hoy', 'form tutor', 'tutor', 'supply teacher', 'supply', 'mentor', 'technician', 'lunchtime supervisor', 'dinner lady', 'midday supervisor'],
    policy: 'colleagues, member of staff',
    weight: 1.2,
  },
  { staff: ['head', 'heads', 'the head', 'head teacher', 'headteacher', 'headmaster', 'headmistress', 'ht', 'head of school', 'executive head', 'exec head', 'principal'], policy: 'headteacher' },
  { staff: ['slt', 'smt', 'senior leader', 'senior leadership', 'senior leadership team', 'deputy', 'deputy head', 'assistant head', 'line manager', 'manager', 'boss', 'leadership'], policy: 'senior leader, senior member of staff' },
  { staff: ['dsl', 'ddsl', 'designated safeguarding lead', 'safeguarding lead', 'safeguarding', 'lado', 'child protection', 'cp'], policy: 'safeguarding, child protection' },
  { staff: ['cpoms', 'my concern', 'myconcern'], policy: 'cpoms, child protection' },
  { staff: ['ceo', 'chief exec', 'chief executive', 'trust ceo', 'trust chair', 'chair'], policy: 'chief executive officer, ceo, chair of the trust board' },
  { staff: ['governor', 'governors', 'gov', 'govs', 'trustee', 'trustees', 'director', 'directors', 'board member', 'local governing body', 'lgb'], policy: 'governors, directors' },
  { staff: ['governor hub', 'governorhub'], policy: 'governor hub' },
  { staff: ['volunteer', 'volunteers', 'parent helper', 'pta', 'friends of', 'helper', 'helpers', 'student teacher', 'trainee'], policy: 'volunteers, not directly employed' },

  // Media
  {
    staff: ['journo', 'journos', 'journalist', 'journalists', 'reporter', 'reporters', 'press', 'newspaper', 'newspapers', 'local paper', 'the paper', 'echo', 'liverpool echo',
      'bbc', 'itv', 'sky news', 'channel 4', 'news', 'tv', 'television', 'radio', 'magazine', 'podcast', 'documentary', 'interview', 'daily mail', 'the sun', 'the mirror',
      'the guardian', 'telegraph', 'press release', 'media', 'gazette', 'chronicle', 'herald', 'argus', 'courier', 'advertiser', 'the times',
      'the express', 'the observer', 'evening standard', 'the star', 'the post', 'local news', 'news crew', 'camera crew', 'film crew', 'the local rag', 'rag',
      // Broadcast and online outlets by name, which no general word list reads as the press.
      'granada', 'granada reports', 'look north', 'points west', 'midlands today', 'north west tonight', 'newsround', 'bbc breakfast', 'good morning britain',
      'itv news', 'bbc news', 'channel 5', 'meridian', 'ladbible', 'lad bible', 'unilad', 'huffpost', 'buzzfeed', 'the independent', 'evening news', 'yorkshire post'],
    policy: 'media contact, contact with the media, journalist, reporter, press',
    weight: 1.4,
  },
  { staff: ['speak to', 'talk to', 'talking to', 'speaking to', 'comment to', 'give a quote', 'a quote', 'go on record', 'on record', 'statement'], policy: 'speak, contact, respond' },
  { staff: ['rang', 'ring', 'phoned', 'rung', 'called me', 'call me', 'got in touch', 'in touch', 'approached', 'contacted', 'reached out', 'emailed me',
    'phone call', 'a call from', 'rang the office', 'rang school', 'phoned the office', 'phoned school', 'turned up', 'doorstepped', 'came up to me'], policy: 'contact' },

  // How a pupil in an image is dressed (8.1)
  {
    staff: ['swimwear', 'swimsuit', 'swimming costume', 'swim kit', 'trunks', 'towel', 'underwear', 'pants showing', 'getting changed', 'half dressed',
      'undressed', 'changing room', 'wardrobe malfunction', 'see through', 'skirt blew up', 'in their pe kit'],
    policy: 'appropriately dressed',
  },
  // Connecting
  {
    staff: ['friend request', 'friend requests', 'friend req', 'follow request', 'follow requests', 'follow req', 'add me', 'added me', 'adding me', 'add', 'added', 'adding',
      'follow', 'follows', 'followed', 'following', 'follower', 'followers', 'friend', 'friends', 'friended', 'befriend', 'be friends', 'mates with',
      'connect', 'connected', 'connection', 'connections', 'accept', 'accepted', 'sub', 'subscribe', 'subscribed',
      'snap request', 'snap requests', 'snap add', 'snap adds', 'added me on snap'],
    policy: 'connect, connected, connections, friends, request',
  },
  { staff: ['decline', 'declined', 'ignore', 'ignored', 'block', 'blocked', 'refuse', 'reject', 'say no', 'turn down', 'unfriend', 'unfollow', 'remove them'], policy: 'decline, block' },
  { staff: ['report', 'reporting', 'who do i tell', 'who should i tell', 'tell someone', 'who do i inform', 'inform', 'notify', 'let someone know', 'escalate', 'flag', 'raise', 'raise a concern', 'whistleblow'], policy: 'report, reported, notify' },
  { staff: ['attempt', 'tried', 'trying', 'keeps trying', 'keeps adding', 'tries'], policy: 'attempt' },
  {
    staff: ['messaging me', 'messaged me', 'message me', 'messages me', 'dming me', 'dmd me', 'dm me', 'texting me', 'texted me', 'texts me', 'contacting me',
      'contacted me', 'keeps messaging', 'keeps texting', 'keeps contacting', 'sent me a message', 'in my dms', 'slid into my dms'],
    policy: 'attempt to connect, personal communication, contact',
  },

  // Conduct
  {
    staff: ['bully', 'bullied', 'bullies', 'bullying', 'harass', 'harassed', 'harassing', 'harassment', 'abuse', 'abused', 'abusive', 'picking on', 'picked on',
      'troll', 'trolls', 'trolling', 'trolled', 'threatening', 'threat', 'threats', 'threatened', 'intimidate', 'intimidating', 'pile on', 'pile-on', 'mocked', 'mocking',
      'victimised', 'cyberbullying', 'cyber bullying', 'targeted', 'ganging up'],
    policy: 'abuse, bullying, harassing, offensive',
  },
  // Insults and abuse slang that common-English typo correction would otherwise rewrite ("nonce" -> "once").
  { staff: INSULT_SLANG, policy: 'insulting, offensive, abuse' },
  { staff: ['rude', 'aggressive', 'insult', 'insulting', 'insults', 'swear', 'swearing', 'swore', 'sweary', 'swear words', 'cursing', 'cussing', 'profanity', 'bad language', 'foul language', 'offensive', 'inappropriate', 'unprofessional', 'nasty', 'vile', 'horrible', 'mean', 'angry', 'shouty', 'hostile', 'sarcastic'], policy: 'rude, insulting, aggressive, offensive, inappropriate' },
  { staff: ['comment', 'comments', 'commented', 'complaint', 'complaints', 'complain', 'complained', 'review', 'reviews', 'reply on the page', 'query', 'queries'], policy: 'comments, complaints, queries' },
  {
    staff: ['criticise', 'criticising', 'criticism', 'slag off', 'slagging off', 'slag', 'slagging', 'moan', 'moaning', 'rant', 'ranting', 'vent', 'venting', 'badmouth',
      'bad mouth', 'bitch about', 'bitching', 'gossip', 'gossiping', 'complain about', 'whinge', 'whinging', 'diss', 'talk about', 'post about', 'name and shame'],
    policy: 'personal comments, judgments, criticise, disrepute',
  },
  { staff: ['grievance', 'grievances', 'disagreement', 'disagreements', 'dispute', 'disputes', 'falling out', 'fell out', 'argument', 'arguments', 'row', 'internal issues', 'internal problems', 'drama',
    'fed up with', 'fed up about', 'fuming about', 'frustrated with', 'frustrated about', 'disgruntled', 'unhappy with', 'unhappy about', 'annoyed about', 'annoyed with'], policy: 'internal grievances' },
  { staff: ['opinion', 'opinions', 'view', 'views', 'politics', 'political', 'strike', 'strikes', 'union', 'vote', 'voting', 'election', 'campaign', 'protest', 'personal views', 'my views', 'thoughts on'], policy: 'personal views' },
  { staff: ['racist', 'racism', 'sexist', 'sexism', 'homophobic', 'homophobia', 'transphobic', 'discriminatory', 'discrimination', 'hate speech', 'bigoted', 'misogynistic', 'ableist'], policy: 'discriminatory, offensive, harassing, insulting, inappropriate' },
  { staff: ['meme', 'memes', 'gif', 'gifs', 'joke', 'jokes', 'banter', 'content'], policy: 'content, material, messages', weight: 0.6 },
  { staff: ['far right group', 'far right groups', 'far-right group', 'extremist group', 'extremist groups', 'hate group', 'hate groups', 'extremist page', 'extremist content', 'extremist posts'], policy: 'extremist organisations, extremist, prevent' },
  { staff: ['extremist', 'extremism', 'far right', 'far-right', 'radical', 'radicalised', 'radicalisation', 'terrorist', 'terrorism', 'prevent', 'jihadi', 'neo nazi', 'nazi', 'edl'], policy: 'extremist, prevent' },
  { staff: ['illegal', 'crime', 'criminal', 'police', 'against the law', 'unlawful'], policy: 'illegal, police' },
  { staff: ['defamatory', 'defame', 'libel', 'libellous', 'slander', 'lies about'], policy: 'defamatory' },
  {
    staff: ['sacked', 'sack', 'fired', 'disciplinary', 'disciplined', 'trouble', 'get in trouble', 'consequences', 'consequence', 'break the policy', 'breach', 'breaches', 'breaking', 'broke', 'break', 'breaks', 'punished', 'punishment',
      'what happens if', 'happens if', 'action against me', 'hr'],
    policy: 'breaches of this policy, disciplinary procedure, appropriate action, hr policy',
  },

  // Own accounts
  { staff: ['own', 'my own', 'private account', 'personal account', 'personal accounts', 'my account', 'personal page', 'personal profile', 'own page', 'own profile', 'own account', 'personally'], policy: 'personal accounts', weight: 0.6 },
  { staff: ['disclaimer', 'views are my own', 'views my own', 'not on behalf'], policy: 'disclaimer, not communicating on behalf' },
  { staff: ['logo', 'logos', 'badge', 'crest', 'branding', 'brand', 'emblem', 'banner', 'school colours', 'uniform logo'], policy: 'logos, branding' },
  {
    staff: ['real name', 'full name', 'surname', 'first name', 'middle name', 'maiden name', 'nickname', 'alias', 'pseudonym', 'username', 'handle', 'fake name', 'different name', 'my name', 'mr', 'mrs', 'miss', 'ms'],
    policy: 'name that they use professionally, profiles, maiden name',
  },
  { staff: ['where i work', 'my job', 'my workplace', 'work for', 'employer', 'job title', 'which school', 'my school', 'i work at', 'i teach at',
    'bio says', 'in my bio', 'on my bio', 'my bio'], policy: 'name their employer, employer' },
  { staff: ['sell', 'selling', 'advertise', 'advertising', 'promote my', 'my business', 'side hustle', 'tutoring', 'tuition', 'earn', 'money', 'profit', 'commercial', 'sponsor', 'freelance', 'plug my', 'my shop', 'etsy', 'my etsy', 'ebay', 'vinted', 'my small business', 'my side business', 'my company', 'my products', 'discount code', 'referral link', 'affiliate link'], policy: 'personal gain' },
  { staff: ['left the trust', 'leave the trust', 'after i leave', 'when i leave', 'once i leave', 'quit', 'resign', 'resigned', 'leaving', 'moved schools', 'new job', 'former employee', 'ex employee', 'ex-staff'], policy: 'leave the employment' },
  { staff: ['confidential', 'secret', 'private information', 'personal information', 'personal details', 'personal info', 'details', 'info'], policy: 'confidential, confidentiality, information' },
  {
    staff: ['sensitive', 'sensitive info', 'sensitive information', 'delicate', 'sen', 'send issue', 'ehcp', 'medical', 'health', 'performance', 'capability', 'behaviour', 'behaviour issues', 'exclusion', 'attendance'],
    policy: 'sensitive nature, performance, behaviour',
  },
  { staff: ['privacy', 'private', 'privacy settings', 'settings', 'lock down', 'locked account', 'private profile', 'hidden'], policy: 'privacy, private, settings' },
  { staff: ['digital footprint', 'online presence', 'reputation', 'professional reputation'], policy: 'digital footprint, professional reputation' },
  { staff: ['tip', 'tips', 'advice', 'best practice', 'guidance', 'guide', 'dos and donts', 'do and dont'], policy: 'guidance, advised' },
  { staff: ['helpline', 'posh', 'professionals online safety helpline', 'support line', 'who can i ask', 'who to ask', 'who can help', 'external advice'], policy: 'professionals online safety helpline' },
  { staff: ['online safety', 'e-safety', 'esafety', 'internet safety', 'e safety', 'staying safe online'], policy: 'online safety' },

  // Images
  {
    staff: ['photo', 'photos', 'pic', 'pics', 'picture', 'pictures', 'photograph', 'photographs', 'selfie', 'selfies', 'image', 'images', 'snap', 'snaps', 'shot', 'shots',
      'camera', 'photographed', 'headshot'],
    policy: 'images, pictures, photographed, imagery',
  },
  { staff: ['video', 'videos', 'vid', 'vids', 'film', 'filming', 'filmed', 'record', 'recording', 'recorded', 'clip', 'clips', 'livestream', 'live stream', 'footage'], policy: 'videos, filmed, video, imagery' },
  { staff: ['consent', 'permission form', 'opt out', 'opted out', 'opt-out', 'photo permission', 'photo consent', 'media consent'], policy: 'consent form' },
  { staff: ['no photo list', 'no-photo list', 'no photos list', 'no photo', 'do not photograph', 'dnp list', 'cannot be photographed', 'not allowed photos', 'photo list'], policy: 'list of children whose images must not be published' },
  { staff: ['tag', 'tagged', 'tagging', 'tags'], policy: 'tagging, tagged' },
  // Not "likes": plurals are folded, and "like" is mostly "what should it look like".
  { staff: ['like and share', 'like or share', 'liking', 'liked', 'the likes', 'get likes', 'endorse', 'endorsing', 'support'], policy: 'support, promote' },
  { weight: 0.6, staff: ['share', 'shared', 'sharing', 'repost', 'reposted', 'reshare', 'retweet', 'rt', 'forward', 'forwarded', 'forwarding', 'pass on'], policy: 'share, forwarded, promote' },
  { weight: 0.6, staff: ['post', 'posts', 'posting', 'posted', 'upload', 'uploaded', 'uploading', 'put up', 'put online', 'publish', 'published'], policy: 'post, posted, upload' },
  { staff: ['compromising', 'embarrassing', 'awkward photo', 'bad photo', 'unflattering', 'misconstrued', 'misunderstood', 'misinterpreted', 'misread', 'taken the wrong way', 'look bad', 'looks bad'], policy: 'compromising, misconstrued, misinterpreted' },
  { staff: ['premises', 'on site', 'onsite', 'at school', 'in school', 'at work', 'classroom', 'staffroom', 'staff room', 'playground', 'corridor', 'school grounds', 'school building'], policy: 'school premises', weight: 0.6 },
  { staff: ['dont want', 'doesnt want', 'do not want', 'does not want', 'not want', 'asked me not to', 'asked not to', 'asks not to', 'object', 'objects', 'objected', 'refuses', 'refused', 'against it', 'not happy'], policy: 'wishes must be respected' },
  { staff: ['another', 'someone elses', 'somebody elses', 'other people', 'other peoples', 'other schools', 'another school', 'another schools', 'other organisations', 'third party'], policy: 'other peoples materials, acknowledge the author' },
  { staff: ['personal use', 'for myself', 'for fun', 'my own use', 'personal purposes'], policy: 'personal purposes' },
  { staff: ['on my phone', 'my phone', 'phone app', 'mobile app', 'teams app', 'on my mobile', 'my mobile'], policy: 'mobile', weight: 0.6 },

  // Official accounts
  {
    staff: ['school page', 'school account', 'school facebook', 'school twitter', 'school insta', 'school instagram', 'school tiktok', 'school youtube', 'official account',
      'official accounts', 'official page', 'department account', 'class account', 'class page', 'class blog', 'school social media', 'our page', 'the page', 'our account', 'school website', 'website',
      'school fb', 'school fb page', 'school facebook page', 'school ig', 'school snapchat', 'school x', 'school linkedin', 'have a facebook page',
      'have a page', 'have an instagram', 'have a twitter', 'have a tiktok', 'page for the school', 'account for the school', 'facebook page for the school'],
    policy: 'official social media accounts, school account, official accounts',
  },
  { staff: ['class twitter', 'class instagram', 'class facebook', 'classroom twitter', 'classroom instagram', 'classroom account', 'class account', 'teacher account', 'my own class account', 'in my name', 'in my own name', 'own name', 'named after me', 'personal class account'], policy: 'tied to individual teachers' },
  { staff: ['set up', 'setup', 'create', 'start', 'start up', 'new page', 'new account', 'launch', 'make a page', 'make an account', 'their own instagram',
    'their own account', 'its own account', 'their own page', 'own page', 'department account', 'department page', 'club account', 'team account',
    'their own twitter', 'their own facebook'], policy: 'create a new account, requesting new official accounts' },
  { staff: ['whats the process', 'what is the process', 'the process', 'procedure for', 'how do we get', 'how do they get'], policy: 'business case, application', weight: 0.8 },
  { staff: ['business case', 'proposal', 'application', 'apply', 'pitch', 'plan'], policy: 'business case, application' },
  { staff: ['approve', 'approves', 'approved', 'approval', 'sign off on', 'signs off', 'permission', 'authorise', 'authorised', 'authorisation', 'go ahead', 'allowed to'], policy: 'approved, authorisation, permission' },
  { staff: ['run the page', 'runs the page', 'run the account', 'admin', 'admins', 'administrator', 'manage', 'manages', 'managing', 'in charge of', 'look after', 'looks after'], policy: 'administrators, running, managing' },
  { staff: ['controversial', 'sensitive topic', 'academy conversion', 'divisive', 'risky post', 'announcement'], policy: 'controversial implications' },
  { staff: ['sarcastic', 'sarcasm', 'sarky', 'snarky', 'passive aggressive', 'blunt', 'curt', 'snippy', 'jokey', 'casual', 'informal', 'emoji', 'emojis', 'kisses',
    'exclamation marks', 'too friendly', 'overfamiliar'], policy: 'tone, propriety, appropriate and professional', weight: 0.9 },
  { staff: ['tone', 'wording', 'word', 'words', 'voice', 'style', 'how to write', 'write', 'language'], policy: 'tone, voice, written' },
  { staff: ['values', 'ethos', 'mission'], policy: 'values, vision' },
  { staff: ['how often', 'regularly', 'daily', 'every day', 'frequently'], policy: 'regularly, frequently, daily' },
  { staff: ['delete', 'deleted', 'remove', 'removed', 'take down', 'taken down', 'hide'], policy: 'delete' },

  // The policy itself
  { staff: ['compulsory', 'obligatory'], policy: 'must', weight: 0.5 },
  { staff: ['purpose', 'aim', 'aims', 'objective', 'objectives', 'point of this policy', 'why do we have', 'goal', 'goals', 'trying to achieve', 'meant to achieve', 'supposed to achieve', 'policy for', 'policy is for', 'what is this policy'], policy: 'objectives, aim' },
  { staff: ['mention', 'mentions', 'mentioned', 'mentioning', 'refer to', 'refers to', 'nothing to do with school', 'not about school', 'about school', 'about work'], policy: 'refer to, impact upon' },
  { staff: ['cover', 'covers', 'covered', 'apply', 'applies', 'in scope', 'outside work', 'own time', 'private life', 'personal life', 'off duty'], policy: 'scope, private lives, personal communications' },
  { staff: ['responsible', 'responsibilities', 'responsibility', 'duties', 'duty', 'expected', 'expectations', 'my role'], policy: 'responsible, responsibilities, expectations' },
  { staff: ['other policies', 'related policies', 'read alongside', 'read with', 'in conjunction', 'other documents', 'linked policies'], policy: 'read in conjunction' },
  { staff: ['professional', 'work related', 'work-related', 'on behalf of the school', 'official'], policy: 'professional, official' },
];

/**
 * Words common in school talk that say nothing about which clause applies: they neither help
 * a match nor count against one when the policy does not use them.
 */
export const NEUTRAL_WORDS = new Set([
  'school', 'schools', 'year', 'yr', 'y', 'term', 'lesson', 'lessons', 'work', 'job', 'staff', 'people', 'person', 'guy', 'woman', 'man', 'lady',
  'someone', 'anybody', 'everyone', 'everybody', 'policy', 'policies', 'rule', 'rules', 'trust', 'academy', 'okay', 'happened', 'happen', 'situation',
  'issue', 'issues', 'problem', 'problems', 'case', 'concern', 'concerns', 'help', 'new', 'old', 'recently', 'just', 'already', 'again', 'sent', 'send',
  'use', 'using', 'used', 'put', 'make', 'made', 'take', 'taking', 'took', 'give', 'gave', 'see', 'saw', 'seen', 'look', 'find', 'found', 'keep', 'keeps',
  'one', 'two', 'first', 'last', 'next', 'still', 'ever', 'done', 'doing', 'everything', 'anything', 'nothing', 'something', 'way', 'sure', 'right', 'wrong',
  'good', 'bad', 'best', 'better', 'ok', 'able', 'lot', 'lots', 'little', 'big', 'long', 'got', 'get', 'gets', 'count', 'counts',
  // The setting of a question, not its topic: subjects, departments, inspections, exams, hobbies.
  'ofsted', 'inspection', 'inspector', 'inspectors', 'department', 'dept', 'faculty', 'subject', 'subjects', 'pe', 'maths', 'english',
  'science', 'history', 'geography', 'art', 'music', 'drama', 'pshe', 'rse', 'computing', 'french', 'spanish', 'sats', 'gcse',
  'keep', 'keeps', 'kept', 'keeping', 'summer', 'spring', 'autumn', 'winter', 'closure', 'fundraiser', 'fundraising', 'newsletter', 'questions',
  'gcses', 'exam', 'exams', 'result', 'results', 'grade', 'grades', 'homework', 'coursework', 'club', 'clubs', 'hobby', 'hobbies',
  'trip', 'trips', 'visit', 'visits', 'sports', 'assembly', 'assemblies', 'nativity', 'concert', 'show', 'play', 'event', 'events',
  'football', 'netball', 'rugby', 'cricket', 'swimming', 'choir', 'band', 'primary', 'secondary', 'infant', 'junior', 'ks1', 'ks2', 'ks3', 'ks4',
]);

/**
 * Words so common in a school policy's questions that, on their own, they say nothing about which
 * clause applies: a question that matches a clause only through these is not answered by it.
 * Light stems (plurals folded). They still rank; they weigh half in confidence.
 */
export const GENERIC_WORDS = new Set([
  'pupil', 'student', 'child', 'children', 'kid', 'learner', 'parent', 'carer', 'staff', 'colleague', 'teacher', 'member of staff',
  'email', 'mail', 'school', 'class', 'message',
]);

/**
 * Subjects of school life that staff ask about and a communication policy usually does not deal
 * with: pay and leave, teaching routines, pupil welfare, premises, the calendar. Each is salient:
 * a question about one is answered only by a clause whose own words (text or staff phrasings)
 * contain it, and a clause that does not explain it counts it fully against. They are matched as
 * written (plurals folded, no stemming), so "promotion" is not "promoted". A policy that does
 * cover a topic says so in its text, and the topic then counts for the clause that says it.
 * A trust adds its own through `otherTopics` in a policy's sidecar.
 */
export const SCHOOL_TOPICS: string[] = [
  // Pay, contracts, leave
  'pay', 'payslip', 'pay slip', 'salary', 'wage', 'wages', 'pay rise', 'pay scale', 'pay award', 'sick pay', 'maternity pay', 'paternity pay', 'overtime',
  'pension', 'pensions', 'teachers pension', 'expenses', 'mileage', 'annual leave', 'leave request', 'request leave', 'day off', 'days off', 'time off',
  'compassionate leave', 'parental leave', 'unpaid leave', 'holiday entitlement', 'flexible working', 'contracted hours', 'appraisal',
  'performance management', 'promotion', 'job application', 'job interview', 'work experience', 'work placement', 'paid', 'get paid', 'paid extra', 'payment', 'staff meeting', 'staff meetings', 'staff briefing', 'briefing',
  'complaints procedure', 'complaints policy', 'complains about my teaching', 'complaint about my teaching', 'to the park', 'apply for a job', 'apply for the job', 'apply for jobs', 'job advert', 'job offer', 'internal vacancy', 'vacancy', 'vacancies', 'reference for a job', 'job reference', 'dbs', 'dbs check',
  'right to work', 'probation', 'raise a grievance', 'grievance procedure', 'grievance policy', 'formal grievance', 'file a grievance',
  'disciplinary hearing', 'union meeting', 'lunch duty', 'break duty', 'playground duty', 'bus duty', 'gate duty', 'duty rota',
  'book cover', 'arrange cover', 'cover for my', 'supply cover', 'book a supply teacher', 'book supply', 'supply agency', 'covers my class',
  'cover my class', 'covering my class', 'cover my lessons', 'call in sick', 'phone in sick', 'ring in sick', 'call by', 'absence line', 'sickness line', 'report my absence', 'report sick', 'sickness policy', 'sickness absence', 'sick note', 'fit note',
  'doctors note', 'return to work', 'occupational health', 'dentist', 'hospital appointment', 'doctors appointment', 'medical appointment', 'wedding leave', 'time off for a wedding', 'time off for a funeral', 'funeral leave',
  // Teaching routines
  'marking', 'marking policy', 'feedback policy', 'lesson plan', 'lesson plans', 'lesson planning', 'scheme of work', 'schemes of work',
  'lesson observation', 'lesson observations', 'observation', 'observations', 'learning walk', 'book scrutiny', 'book look', 'ppa', 'ppa time',
  'cover lesson', 'cover lessons', 'cover work', 'timetable', 'timetables', 'assessment', 'data drop', 'predicted grades', 'mock exams', 'report writing',
  'school report', 'school reports', 'end of year report', 'end of year reports', 'reports to parents', 'report card', 'report cards',
  'write reports', 'writing reports', 'parents evening', 'parent evening', 'open evening', 'homework policy', 'seating plan',
  // Pupil behaviour and welfare
  'behaviour policy', 'behaviour points', 'behaviour management', 'behaviour incident', 'detention', 'detentions', 'sanction', 'sanctions', 'merit', 'merits',
  'house points', 'restraint', 'positive handling', 'attendance policy', 'lateness', 'truancy', 'first aid', 'first aider', 'medicine', 'medication',
  'allergy', 'allergies', 'epipen', 'inhaler', 'head lice', 'nits', 'toileting', 'nappy', 'school dinners', 'dinner money', 'lunch menu', 'packed lunch',
  'free school meals', 'uniform', 'uniform policy', 'dress code', 'non uniform', 'pe kit', 'haircut', 'admissions', 'catchment', 'waiting list',
  'phones in lessons', 'phones in class', 'phone in lessons', 'phone in class', 'confiscate', 'confiscated', 'anti bullying policy',
  // "goes missing" alone is as often a laptop as a child: only the child is a welfare topic.
  'dyslexia', 'dyslexic', 'dyspraxia', 'speech and language',
  'educational psychologist', 'ed psych', 'sen referral', 'senco referral', 'eyesight', 'hearing aid',
  'missing child', 'missing pupil', 'child goes missing', 'pupil goes missing', 'child went missing', 'pupil went missing',
  'calpol', 'paracetamol', 'plaster', 'plasters', 'nosebleed', 'consent form', 'consent forms', 'medical form', 'care plan',
  'bring phones', 'bringing phones', 'bring their phones', 'phones to school', 'phones into school', 'phones in school',
  // Premises, transport, calendar
  'fire drill', 'fire alarm', 'fire evacuation', 'evacuation', 'lockdown', 'lockdown drill', 'car park', 'parking', 'park my car', 'park the car', 'park at school', 'where can i park', 'where do i park', 'parking permit', 'minibus',
  'lift home', 'give a lift', 'taxi', 'key fob', 'lanyard', 'radiator', 'heating', 'caretaker', 'site manager', 'cleaner', 'cleaners', 'toilet',
  'toilets', 'leak', 'wifi', 'wi fi', 'term dates', 'inset day', 'inset days', 'bank holiday', 'snow day', 'christmas party',
  'staff party', 'break up', 'breaking up', 'half term', 'easter', 'term starts',
  'risk assessment', 'broken window', 'window', 'boiler', 'light bulb', 'blinds', 'projector', 'opening hours', 'office hours', 'office close', 'office closes',
  'office open', 'office opens', 'staff discount', 'hire the hall', 'hire the school hall', 'hall hire', 'room hire', 'lettings', 'book a room', 'book the hall', 'private party', 'repaired', 'repair', 'get it fixed', 'printer is broken', 'printer jammed', 'printer not working', 'fix the printer', 'toner', 'photocopier', 'consent slip', 'permission slip', 'trip letter', 'residential', 'smoking', 'vaping', 'bring my dog', 'bring dogs', 'dog in school', 'dogs in school', 'safeguarding training',
  'prevent training', 'mandatory training', 'cpd',
  // Who holds a role, how to apply for leave, how to work a system: the school's office, HR or IT answers these.
  'who is the dsl', 'who is our dsl', 'who is the senco', 'who is our senco', 'who is the designated safeguarding lead', 'who is the first aider',
  'apply for maternity', 'apply for paternity', 'apply for adoption', 'apply for leave', 'maternity entitlement', 'maternity policy', 'paternity policy',
  'school photographer', 'order the school photos', 'order school photos', 'order the class photos', 'photo order', 'photo orders',
  'turn on recording', 'switch on recording', 'start recording', 'get a login', 'need a login', 'new login', 'set up my login', 'reset my password', 'forgotten my password', 'forgot my password',
  // The school's other policies, from the DfE's list of statutory policies for schools and academy
  // trusts and its non-statutory guidance (educational visits, generative AI, CCTV and biometrics),
  // not from question sets: questions about them are another policy's to answer.
  'careers', 'careers advice', 'charging and remissions', 'charging policy', 'privacy notice', 'equality objectives', 'health and safety',
  'premises management', 'relationships and sex education', 'rse', 'sex education', 'health education', 'child protection policy',
  'exclusion', 'exclusions', 'suspension', 'suspensions', 'permanent exclusion', 'school food', 'send code of practice', 'capability procedure',
  'accessibility plan', 'biometric', 'biometrics', 'fingerprint', 'single central record', 'safer recruitment', 'recruitment',
  'allegations against staff', 'whistleblowing', 'whistleblowing policy', 'medical conditions', 'pupil premium', 'sports premium', 'pay policy',
  'educational visits', 'educational visit', 'school trip', 'day trip', 'attendance', 'generative ai', 'artificial intelligence', 'chatgpt', 'chat gpt', 'ai tools', 'ai tool', 'cctv',
  'multi factor authentication', 'two factor authentication', 'mfa', '2fa', 'password policy', 'password length', 'change my password', 'change our passwords',
];

/**
 * School topics that are as often the scene of a question as its ask: events, teaching routines,
 * the calendar ("pics from the y6 residential on my insta", "vent about the new timetable on the
 * school twitter"). Beside an act a clause governs, such a topic counts as a school word; asked
 * about on its own ("what is the marking policy") it still refuses. Pay, leave, who holds a role
 * and how to work a system are never the scene: they stay out of this list.
 */
export const SETTING_TOPICS = new Set([
  'marking', 'marking policy', 'feedback policy', 'lesson plan', 'lesson plans', 'lesson planning', 'scheme of work', 'schemes of work',
  'lesson observation', 'lesson observations', 'observation', 'observations', 'learning walk', 'book scrutiny', 'book look', 'ppa', 'ppa time',
  'timetable', 'timetables', 'assessment', 'data drop', 'mock exams', 'parents evening', 'parent evening', 'open evening', 'seating plan',
  'behaviour policy', 'behaviour incident', 'detention', 'detentions', 'uniform', 'uniform policy', 'non uniform', 'staff meeting', 'staff meetings',
  // Trips and attendance are as often a question's scene ("photos from the school trip") as its ask.
  'school trip', 'day trip', 'educational visits', 'educational visit', 'attendance',
  'residential', 'christmas party', 'staff party', 'half term', 'easter', 'snow day', 'inset day', 'inset days', 'fire drill', 'lockdown drill', 'school dinners', 'lunch menu',
]);

/**
 * What staff do that the policy governs: post, share, message, email, connect, speak to the
 * press. A question with one of these and a second idea the clause explains has an ask of its
 * own, so a SETTING_TOPICS word beside it is only the scene.
 */
export const ACT_WORDS = [
  'social media', 'post', 'posting', 'share', 'upload', 'publish', 'tweet', 'comment', 'official account', 'account', 'image', 'images', 'photo',
  'photograph', 'video', 'email', 'message', 'messaging', 'connect', 'connection', 'friend request', 'follow', 'journalist', 'reporter', 'press',
  'media', 'personal comments',
];

/**
 * Platform names split in two by dictation or autocorrect ("face book", "instant gram", "tick tock",
 * "what's app"), joined again before anything reads the question: the safeguarding topics and the
 * models read the platform as typed in one word. "whats up" is WhatsApp only after a word that puts
 * a chat there ("the staff whats up", "on whats up"), never in "what's up with…".
 */
const SPLIT_PLATFORMS: [RegExp, string][] = [
  [/\bface\s+book(s?)\b/gi, 'facebook$1'],
  [/\binsta(?:nt)?\s+gram(s?)\b/gi, 'instagram$1'],
  [/\bti(?:c?k)\s+to(?:c?k)(s?)\b/gi, 'tiktok$1'],
  [/\bsnap\s+chat(s?)\b/gi, 'snapchat$1'],
  [/\byou\s+tube\b/gi, 'youtube'],
  [/\bwhat['’]?s\s+app\b/gi, 'whatsapp'],
  [/\b(on|in|via|over|the|our|a|my|staff|class|form|dept|department|team|year|parents?|mums?|family|group)\s+whats\s+up\b/gi, '$1 whatsapp'],
  [/\bi\s+pad(s?)\b/gi, 'ipad$1'],
];

export function withPlatformNamesJoined(text: string): string {
  return SPLIT_PLATFORMS.reduce((t, [split, joined]) => t.replace(split, joined), text);
}
