/**
 * Safeguarding topics: questions that must never miss their governing clause, whatever the
 * wording or framing. A topic is a conjunction of ideas (a pupil + connecting or messaging; a
 * journalist; a pupil + an image; abuse + a colleague or a platform), each idea a set of stems
 * matched against the question's analysed units: what was typed, its typo correction, and the
 * staff vocabulary's policy words for it ("y6" -> pupils, "journo" -> journalist, "followed" ->
 * connect). So the classifier generalises with the vocabulary, not with lists of questions.
 *
 * When a topic holds, the answerer leads with the topic's clause (its first, which the topic
 * chooses: connecting or messaging, a pupil or a former pupil) and shows its report button.
 * Instructions aimed at the bot (injection.ts) and claims that someone allowed it (framing.ts)
 * are cut before analysis, so they add no idea that unsets a topic.
 */
import { withDroppedG } from './english';
import type { QueryAnalysis } from './policyIndex';
import { asksAboutPhotoArrangements, asksAboutPupilDiscipline, asksAboutPupilsOwnUse, asksOnlyWhen } from './scope';
import { terms } from './text';
import { INSULT_SLANG } from './vocabulary';

type Idea = ReadonlySet<string>;
/** One-word ideas: each word, and its index stem. */
const idea = (...ws: string[]): Idea => new Set(ws.flatMap((w) => [w, ...terms(w)]));

/** A person under the policy's pupil clauses: pupils, students, children, former pupils. */
const PUPIL = idea('pupil', 'student', 'child', 'children', 'kid', 'learner', 'youngster', 'minor', 'teenager', 'teen', 'eighteen', 'tutee', 'infant');
/** Parents, carers, relatives: their own clause (7.6.16, 7.6.17), not a pupil's. */
const PARENT = idea('parent', 'carer', 'relative', 'mum', 'dad', 'guardian', 'mother', 'father');
/** Platforms and social media. */
const FEEDS = ['social', 'media', 'facebook', 'fb', 'instagram', 'insta', 'snapchat', 'snap', 'tiktok', 'twitter', 'linkedin', 'platform', 'online', 'discord', 'fortnite', 'roblox', 'minecraft', 'xbox', 'playstation', 'gaming'];
const SOCIAL = idea(...FEEDS, 'whatsapp');
/** Platforms where people connect and follow; WhatsApp, a messaging app, is personal communication (9.1) unless connecting. */
const SOCIAL_FEED = idea(...FEEDS);
/**
 * A friend as a person or an audience ("to send to a friend", "only close friends can see it"), not connecting: when
 * every "friend" in the question is one of these, the word names no connection.
 */
const FRIEND_PERSON = /\b(?:to|with|for)\s+(?:a|my)\s+(?:close\s+|best\s+|good\s+)?friends?\b|\bclose\s+friends\b/gi;
/** Connecting on a platform. */
const CONNECT = idea('connect', 'connection', 'friend', 'follow', 'follower', 'unfriend');
/** Weaker connecting words that count only beside a platform ("add her on insta"). */
const CONNECT_ON = idea('add', 'accept');
/** Playing a game online with someone ("play fortnite with a year 8"): connecting, beside a platform. */
const PLAY_WITH = /\bplay(?:s|ing|ed)?\s+(?:\w+\s+){0,3}?with\b/i;
/** A pupil's attempt at contact ("tried to msg me", "keeps trying to add me"): 7.6.15 asks for any attempt to be reported. */
const ATTEMPT = /\b(?:tr(?:y|ies|ied|ying)|attempt(?:s|ed|ing)?)\s+to\s+(?:\w+\s+)?(?:add|friend|follow|connect|message|msg|dm|text|snap|whatsapp|contact|get\s+in\s+touch|reach)\b/i;
/** Reaching the asker's own account: "liked all my photos", "tagged me", "commented on my post". */
const INTERACT_ME = /\b(?:liked|likes|liking|comment(?:ed|ing|s)\s+on|tagged|tags|tagging|react(?:ed|ing|s)\s+to)\s+(?:me|my|all my|all of my)\b/i;
/** Personal communication: private messages, texts, meeting up. */
const MESSAGE = idea('message', 'messaging', 'dm', 'pm', 'text', 'texting', 'whatsapp', 'snapchat', 'meet', 'coffee');
/** Typed forms the analysis may not know ("dming", "whatsapping", "snapchatted"), and calls (verbs only: "phones in lessons" is not a call). */
const MESSAGE_TYPED = /^(?:txt(?:s|d|ed|ing)?|snaps|snapp(?:ing|ed)|dm(?:s|d|ed|ing)?|pm(?:s|d|ed|ing)?|messag(?:e|es|ed|ing)|text(?:s|ed|ing)?|whatsap+(?:s|ed|ing|ped|ping)?|snapchat(?:s|ed|ted|ting)?|facetim(?:e|ed|ing)|gmail|hotmail|yahoo|inbox(?:ed)?|ringing|rang|rings|phoned|phoning|calling|called|emailed|emailing)$/;
/**
 * A parent asking on their child's behalf ("a mum asked me to add her son on fb", "dad wants me to
 * text his daughter", "her son wants to message me", "his mum asked if he could video call me"): the
 * child, not the parent, is the other party of the contact, so the parent in the question does not
 * make it a parent's connection (7.6.17).
 * The parent asks; their child is the one contact is made with (the object, or the one who wants it).
 */
const CONTACT_VERB = String.raw`(?:add(?:ing)?|friend|follow|accept|message|messaging|text|texting|dm|whatsapp|snap(?:chat)?|email|contact|chat\s+(?:to|with)|talk\s+to|speak\s+to|ring|phone|facetime|video[- ]?call|call|connect\s+with|keep\s+in\s+touch\s+with)`;
const THEIR_CHILD = String.raw`(?:her|his|their)\s+(?:[\w'-]+\s+)?(?:son|daughter|child|kid|boy|girl|lad|little\s+one|(?:[4-9]|1[0-7])[- ]?(?:year|yr)s?[- ]?old)\b`;
const ON_BEHALF = new RegExp(String.raw`\b(?:parent|carer|mum|mam|mom|dad|mother|father|guardian)s?\b(?:\s+\S+){0,6}?\s+(?:asked|asks|asking|wants?|wanted|would\s+like|'d\s+like|says|said|requested|begged|wondered|wondering)\b(?:\s+\S+){0,8}?\s+(?:${CONTACT_VERB}\s+${THEIR_CHILD}|${THEIR_CHILD}(?:\s*\([^)]*\))?(?:\s+\S+){0,2}?\s+(?:wants?|would\s+like|asked|can|could)\s+(?:to\s+)?${CONTACT_VERB}|(?:if|whether)\s+(?:he|she|they)\s+(?:can|could|may|might)\s+${CONTACT_VERB}\s+me)`, 'i');
/**
 * A parent named only as the pupil's means or route, or as the one who allows it, is not the other
 * party: the pupil writing "from her mum's Gmail" or "on his dad's phone" (or "her mums phone", typed without the apostrophe), contact that "goes
 * through their parents" or "cc's the parents", "if their mum knows" or "mum says she doesn't
 * mind". What stays of a parent once these are cut decides whether the parent is the one connecting.
 */
const PARENT_WORD = String.raw`(?:parents?|carers?|mum|mums|mam|mom|dad|dads|mother|father|guardians?|nan|gran|grandma|grandad)`;
const PARENT_NOT_PARTY = new RegExp([
  // the means: a parent's device or account
  String.raw`\b(?:her|his|their|[\w-]+(?:'s|’s))\s+${PARENT_WORD}(?:'s|’s)?\s+(?:own\s+|old\s+|work\s+)?(?:phone|mobile|number|gmail|email|e-mail|hotmail|account|acct|whatsapp|facebook|fb|messenger|insta|instagram|snapchat|snap|tiktok|ipad|laptop|tablet|device|profile|login|computer)\b`,
  // the route: through, via, copying in
  String.raw`\b(?:through|thru|via|cc|cc'?ing|cc'?d|copy(?:ing)?\s+in|copied\s+in)\s+(?:all\s+)?(?:their|the|his|her)\s+${PARENT_WORD}(?:\s+(?:cc'?d|copied\s+in|in\s+(?:the\s+)?(?:chat|group|loop)))?\b`,
  // the one who allows it or knows: "if their mum knows", "mum says she doesn't mind", "their parents are fine with it"
  String.raw`\b(?:(?:if|as\s+long\s+as|since|because|cos|as|and|but)\s+)?(?:(?:their|the|his|her|a|my)\s+)?(?:\w+'s\s+)?${PARENT_WORD}\s+(?:knows?|know|agrees?|agreed|approves?|approved|(?:is|are|was|were|seems?)\s+(?:totally\s+)?(?:fine|ok|okay|happy|relaxed)(?:\s+with\s+(?:it|this|that))?|(?:says?|said)\s+(?:she|he|they)\s+(?:doesn'?t|does\s+not|don'?t|do\s+not|didn'?t)\s+mind|(?:doesn'?t|does\s+not|don'?t|do\s+not|didn'?t)\s+mind)\b`,
  // a place: "sticking up for me in the parents' FB group"
  String.raw`\b(?:the|a|our|their|her|his)\s+(?:class\s+|year\s+\d{1,2}\s+|y\d{1,2}\s+)?parents['’]?\s+(?:fb\s+|facebook\s+|whatsapp\s+)?(?:group|chat|page|whatsapp|gc)\b`,
  // ruled out: "just for the kids themselves, not the parents", "without their mums"
  // (not "she's not the parent", which says who the other party is)
  String.raw`(?<!(?:['’]s|\bis|\bare|['’]re)\s)\b(?:not|without|minus|excluding)\s+(?:the\s+|their\s+|any\s+)?${PARENT_WORD}\b`,
  // the asker as a parent: "they know me as his dad"
  String.raw`\b(?:know|knows|knew|see|sees|saw)\s+me\s+as\s+(?:his|her|their|a|the)\s+(?:\w+['’]s\s+)?${PARENT_WORD}\b`,
  // the asker's acquaintance, told as background: "I know his mum well from the SEND group", "I know her parents through church"
  String.raw`\bi\s+(?:know|knew)\s+(?:his|her|their)\s+${PARENT_WORD}(?:\s+(?:really\s+|quite\s+)?well)?(?:\s+(?:from|through|thru|via|outside\s+school|socially))?\b`,
].join('|'), 'gi');
const PARENT_TYPED = new RegExp(String.raw`\b${PARENT_WORD}\b`, 'i');
/** Staying in touch ("keep in touch with a Y11", "stay in contact with her"): personal communication, however it is kept. */
const IN_TOUCH = /\b(?:keep(?:s|ing)?|kept|stay(?:s|ing|ed)?|get(?:s|ting)?|got)\s+in\s+(?:touch|contact)\b/i;
/**
 * A pupil asking for the asker's account on a platform ("asked for my snap", "wants my insta"): an
 * attempt to connect. Asking for a number or e-mail is personal communication (PERSONAL_CHANNEL, 9.1).
 */
const ASKED_FOR_MINE = /\b(?:ask(?:s|ed|ing)?\s+(?:me\s+)?for|wants?|wanted|begging\s+(?:me\s+)?for)\s+my\s+(?:personal\s+|private\s+)?(?:snap\w*|insta\w*|ig|fb|facebook|tiktok|socials?|handle|discord)\b/i;
/** Asking into the asker's own group on a platform ("asked to join my gaming group on Discord", "requested to join my whatsapp community"): connecting. */
const JOIN_MINE = /\b(?:ask(?:s|ed|ing)?|request(?:s|ed|ing)?|want(?:s|ed|ing)?|tr(?:y|ies|ied|ying))\s+(?:if\s+\w+\s+(?:can|could)\s+|to\s+)?join\s+my\b/i;
/** Talking with someone ("talk to kids who used to go to the school", "chatted with an ex-pupil"): personal communication when they are a former pupil said in so many words (not with pupils: talking to them is teaching). */
const TALK_WITH = /\b(?:talk(?:s|ed|ing)?|speak(?:s|ing)?|spoke|chat(?:s|ted|ting)?)\s+(?:to|with)\b/i;
/** Working with someone online ("wants to do a collab with my page"): like TALK_WITH, contact when they are a former pupil said in so many words. */
const COLLAB = /\bcollab(?:s|orat(?:e|es|ed|ing|ion))?\b/i;
/** The asker's own number or personal inbox reached: "got my number", "emailed my personal gmail". */
/** Sent to the asker directly: "sending me snaps", "sent me pics". */
const SENT_ME = /\b(?:send(?:s|ing)?|sent)\s+me\s+(?:\w+\s+)?(?:snaps?|messages?|pics|pictures|photos|videos|texts?|dms?|voice\s*notes?|memes?|gifs?)\b/i;
/** Something passed from phone to phone, not sent to anyone in particular. */
const GOING_ROUND = /\b(?:going|gone|went|goes|passed|passing|being\s+passed|shared|sent)\s+(?:a)?round\b|\bdoing\s+the\s+rounds\b/i;
/** A meme or gif as a unit of the question (read as content, not a message). */
const MEME = /^(?:memes?|gifs?)$/i;
const PERSONAL_CHANNEL = /\b(?:my|personal|private)\s+(?:own\s+|personal\s+|private\s+)?(?:(?:mobile|phone)\s+)?(?:number|email|e-mail|gmail|hotmail|inbox)\b/i;
/** A young child, as support staff say it: "my little one", "the little ones". */
const LITTLE_ONE = /\b(?:my|our|the|a|one\s+of\s+(?:my|our|the))\s+little\s+ones?\b/i;
/**
 * Pupils named by what they do together: "the DofE group", "my U15 netball squad", "one of the
 * choir", "the school play cast", "the netball captain". Teams and groups alone are often staff
 * ("the year team", "the English team"): only a pupils' activity, an age band or a pupils' word
 * makes them pupils.
 */
const PUPIL_GROUP = /\b(?:dofe|d\s*of\s*e|duke\s+of\s+edinburgh|brownies|cubs|scouts|cadets|choir|orchestra|squad|(?:u|under)[- ]?(?:[7-9]|1[0-8])s?)(?:\s+(?:group|team|squad|club|lot|side))?\b(?!\s+(?:kit|list|trip|expedition|fixtures?|match(?:es)?|training|results?|forms?|letters?|rota|timetable|photos?|pics?|page|account|money|payments?|consent))|\b(?:netball|football|rugby|hockey|cricket|basketball|athletics|swimming|swim|dance|drama|debating|chess|sports?)\s+(?:team|club|group|side|captain|kids|lot)\b|\b(?:karate|judo|taekwondo|kickboxing|boxing|martial\s+arts|gymnastics|tennis|badminton)\s+(?:kids|lot|squad)\b|\b(?:club|band|choir|team|squad|cast|group)\s+(?:kids|members|children|pupils|students|girls|boys|lads)\b|\b(?:cast|crew)\s+of\s+the\s+(?:school\s+)?(?:play|show|musical|production|panto)\b|\b(?:my|the)\s+(?:team'?s\s+)?(?:players|captain)\b/i;
/** A pupil said by where the asker has them ("a girl in my tutor group", "one of the lads in my form"), though "girl" is no pupil word the analysis knows. */
const PUPIL_IN_MY = /\b(?:girl|boy|lad|lass|kid|child)s?\s+(?:in|from)\s+(?:my|our)\s+(?:tutor\s+group|form(?:\s+group)?|class|set|year\s*\d{1,2}|y\d{1,2})\b/i;
/**
 * A class named by its course or set ("my GCSE music class", "my top set"): pupils, though no pupil word
 * is typed. Counted only beside a group chat, since "emailed it to my GCSE group" is ordinary work.
 */
const EXAM_CLASS = /\b(?:gcse|a[- ]?levels?|btec|ks\s*[1-5]|key\s+stage\s*[1-5])\s+(?:(?!results|data|marks|grades|moderation|marking|staff|teachers?|department|dept|team)\w+\s+){0,2}?(?:class(?:es)?|groups?|sets?|cohort|lot)\b|\b(?:top|bottom)\s+set\b/i;
/** The asker in a chat ("join the year 11 whatsapp group", "make a WhatsApp group with my Y10 cast"), not pupils' own chat. */
const ASKER_IN_CHAT = /\b(?:join(?:ing)?|me\s+in|add\s+me\s+to|invite\s+me)\b|\b(?:i|we)\s+(?:\w+\s+){0,2}?(?:make|set\s+up|start|create|run|have)\b|\b(?:make|making|set(?:ting)?\s+up|start(?:ing)?|creat(?:e|ing))\s+(?:a|an|the)\s+(?:\w+\s+){0,2}?(?:group|chat|gc)s?\s+(?:just\s+|only\s+)?(?:with|for)\b/i;
/**
 * The asker making the chat ("should I set up a WhatsApp group with the year 6s"), not pupils who made
 * it ("the leavers set up a group"): a subject or sentence start before the verb, which ASKER_IN_CHAT
 * does not ask for. Connecting with them (7.6.15) comes first.
 */
const ASKER_MAKES_CHAT = /(?:^|[.!?]\s*|\b(?:i|we|to|of|about)\s+(?:\w+\s+){0,2}?)(?:make|making|set(?:ting)?\s+up|start(?:ing)?|creat(?:e|ing))\s+(?:a|an|the|my\s+own|our\s+own)\s+(?:\w+\s+){0,2}?(?:group|chat|gc|server)s?\b/i;
/** A chat among several people: "their group chat", "a WhatsApp group", "the team's snap group". */
const GROUP_CHAT = /\bgroup\s*chats?\b|\bgcs?\b|\b(?:whatsapp|snapchat|snap|messenger|insta|instagram|discord)\s+(?:group|chat|gc|server)s?\b/i;
/**
 * A pupil as the direct object of contact ("texting a Y6 pupil", "a chat going with one of my
 * year 9s"): the pupil is the other party whoever else the question names (a TA in "my team").
 */
const PUPIL_OBJECT = new RegExp(String.raw`\b(?:${CONTACT_VERB}|texted|messaged|dm'?d|dm(?:s|ing|ed)|whatsapp(?:s|ing|ed|ped|ping)|snapchatting|chatting\s+(?:to|with)|chat\s+(?:going\s+)?with|in\s+touch\s+with)\s+(?:a|an|the|one\s+of\s+(?:my|our|the|her|his|their)|some\s+of\s+(?:my|our|the|her|his|their)|my|our|her|his|their)\s+(?:[\w'-]+\s+){0,2}?(?:pupils?|students?|kids?|child|children|learners?|y\d{1,2}s?|year\s*\d{1,2}s?)\b`, 'i');
/** Other staff as the other party: messages among colleagues about a pupil are 5.3, not 9.1. */
const STAFF_PARTY = idea('colleague', 'staff', 'team', 'supply', 'slt', 'group', 'governor');
const STAFF_PARTY_TYPED = /\b(?:colleagues?|staff|supply|slt|governors?|teams?|groups?|teachers|tas)\b/i;
/** The school's own channels: contact through them is not personal communication (1.7, 5.2). */
const OFFICIAL = idea('official', 'dojo', 'seesaw');
/** Microsoft Teams, not a team ("teams" stems to "team"); "set up" reaches "official" only through the vocabulary, so the words must be typed. */
const SCHOOL_ACCOUNT = /\bschool(?:'s|-run|\s+run)?\s+(?:own\s+|official\s+)?(?:[\w-]+\s+)?(?:account|acct|page|insta|instagram|fb|facebook|twitter|tiktok|inbox|email|platform)\b/i;
/**
 * A school, department or class account as the means of contact (led by 1.7, the topic's clauses beside it) ("message pupils from the department
 * twitter", "answer her through the department account", "run a class Instagram that pupils follow", "kids following the school's official Instagram"):
 * staff talking to learners through an official account is 1.7's, not personal contact.
 */
const OFFICIAL_MEANS = /\b(?:use|uses|using|used|through|thru|via|from|on|with|run|runs|running|set\s+up|setting\s+up|start|starting|follow|follows|following|followed|join|joins|joining|joined)\s+(?:a|an|the|our|one\s+of\s+(?:the|our))\s+(?:(?:school|trust|department|dept|faculty|subject|class|form|club|team|library)(?:'s|s')?\s+(?:own\s+|official\s+)?(?:[\w-]+\s+)?|(?:[\w-]+\s+)?(?:department|dept|faculty|club)\s+|official\s+(?:school\s+)?)(?:(?:online|social(?:\s+media)?)\s+)?(?:account|acct|page|insta\w*|twitter|tiktok|fb|facebook|channel|x)\b/i;
/** The asker's own account named too ("from my own insta"): personal contact, whatever else is said. */
const PERSONAL_ACCOUNT = /\b(?:my|her|his|their)\s+(?:own\s+|personal\s+|private\s+)+(?:[\w-]+\s+)?(?:account|acct|page|insta\w*|twitter|tiktok|fb|facebook|snap\w*|whatsapp|number|phone|mobile)\b/i;
const TEAMS_APP = /\b(?:on|via|through|over|in|using|ms|microsoft)\s+teams\b|\bteams\s+(?:chat|message|call|meeting|channel|post)s?\b/i;
const PRESS = idea('journalist', 'reporter', 'press', 'newspaper', 'journo', 'blogger', 'broadcaster', 'podcaster', 'newsroom');
/** Press said in more words: "the local paper", "the national papers", "a tv crew", "a news website". */
const PRESS_TYPED = /\bfreelance\s+(?:writer|journalist|reporter|photographer)\b|\b(?:(?:local|national)\s+(?:news)?papers?|the\s+(?:news)?paper)\b(?!\s+trail)|\bnews\s*(?:website|site|crew|team|desk|channel|outlet)\b|\b(?:tv|television|film|camera|radio)\s+(?:crew|station|programme|show|producer)\b|\bmedia\s+(?:enquiry|inquiry|outlet)\b|\b(?:daily|sunday)\s+(?:mirror|express|star|record|mail|telegraph|times)\b|\bthe\s+(?:mirror|express|observer|telegraph)\b|\b[a-z]+\s+(?:gazette|herald|chronicle|argus|courier|advertiser)\b|\b(?:tabloid|tabloids|broadsheet|news\s+agency)\b|\b(?:man|men|bloke|blokes|guy|woman|women|lady|chap|someone|somebody|people)\s+with\s+(?:a\s+|big\s+)?(?:cameras?|microphones?|mics?|film\s+crew)\b[^.?!]*\b(?:asking|wanting|wants|questions|filming|interview)/i;
/** Social media named as a place ("on insta", "the school fb", "through our socials"). */
const PLATFORM = String.raw`(?:insta\w*|ig|fb|facebook|twitter|x|tiktok|youtube|yt|twitch|snap\w*|linkedin|discord|threads|bluesky|socials|social\s+media)`;
const POST_NOUN = String.raw`(?:posts?|tweets?|threads?|reels?|tiktoks?|bereals?|vids?|videos?|clips?)`;
/**
 * Media contact about posts on social media (7.6.6: "about posts via social media accounts"), not
 * about the school in general (10.1): a post, tweet, picture or video asked about or named as someone's
 * ("my maths thread", "the clip"), a reply under one, something put online; unless the question says it
 * has nothing to do with posts or social media. A news story is not a post ("about the prom ban story");
 * an Instagram story is.
 */
const ABOUT_POSTS = new RegExp([
  String.raw`\b(?:about|re|abt|regarding|on|under)\s+(?:(?:one\s+of\s+)?(?:my|our|the|a|an|his|her|their|that|this|some)\s+)?(?:[\w']+\s+){0,3}?(?:posts?|tweets?|pics?|photos?|videos?|reels?|(?<=\b(?:insta|snap|ig|fb)\s)stor(?:y|ies)|tiktoks?)\b`,
  String.raw`\b(?:something|what)\s+(?:i|we)\s+(?:posted|shared|tweeted|put\s+up)\b`,
  String.raw`\b(?:replied|commented|responded)\s+(?:to|under|on)\b`,
  // "post-match" is no post.
  String.raw`\b(?:my|our|the|his|her|their|that|this|a)\s+(?:[\w'-]+\s+){0,3}?${POST_NOUN}\b(?!-)`,
  String.raw`\b${POST_NOUN}\s+(?:i|we|she|he|they)\s+(?:\w+\s+)?(?:posted|put|shared|made|wrote|uploaded|did)\b`,
  String.raw`\b(?:i|we|she|he)\s+(?:had\s+|have\s+)?(?:posted|tweeted|shared|uploaded)\b`,
  String.raw`\b(?:something|stuff|what|anything)\s+(?:\w+\s+){0,3}?(?:online|on\s+(?:(?:the|our|my)\s+)?(?:school['’]?s?\s+|skl\s+)?(?:${PLATFORM}|account|page))\b`,
].join('|'), 'i');
/**
 * Media contact made through social media (also 7.6.6's "via social media accounts"): "DM'd me",
 * "tweeted at me", "messaged the school's Facebook page", "a journo on insta", "a local news insta page", "came in through our social media".
 */
const VIA_SOCIAL = new RegExp([
  String.raw`\b(?:dm|dms|dm['’]?d|dm['’]?ed|dmd)\b|\bslid\w*\s+into\b`,
  // "the newspaper that tweeted at me", "@'d me", "tagged us": contact on the platform itself.
  String.raw`\b(?:tweeted\s+(?:at\s+)?|@['’]?e?d\s+|tagged\s+)(?:me|us)\b`,
  String.raw`\b(?:messag\w*|msg\w*|contacted|tweeted|commented|wrote|posted|reached\s+out|got\s+in\s+touch|left\s+a\s+(?:message|comment))\s+(?:\w+\s+){0,2}?(?:on|via|through|at|in|to|under)\s+(?:(?:my|our|the|his|her|their|a)\s+)?(?:[\w'-]+\s+){0,2}?${PLATFORM}\b`,
  String.raw`\b(?:messag\w*|msg\w*|tweeted\s+at|contacted)\s+(?:the|our|my)\s+(?:[\w'-]+\s+){0,2}?(?:page|account|acct|insta\w*|twitter|fb|facebook|tiktok|channel|youtube)\b`,
  String.raw`\b(?:journalist|reporter|journo|blogger|press|writer|producer)s?\s+(?:\w+\s+)?(?:on|in|via|through)\s+(?:(?:my|our|the|his|her|their)\s+)?(?:[\w'-]+\s+){0,2}?(?:comments|dms|${PLATFORM})\b`,
  String.raw`\b(?:through|via|on|over)\s+(?:(?:the|our|my)\s+)?(?:school['’]?s?\s+)?social\s+(?:media|accounts?)\b`,
  // A news outlet's own page on a platform ("a local news insta page", "a 'Merseyside news' page on Instagram").
  // Only when the page is what got in touch on the platform (messaged, tagged, reposted): one that "wants a statement" is the press in general (10.1).
  String.raw`\b(?:news|newspaper|paper|magazine|mag)['’"]?\s+(?:(?:insta\w*|ig|fb|facebook|twitter|tiktok|x|youtube)\s+)?(?:page|account|acct)s?\b(?:\s+(?:on|via)\s+${PLATFORM})?(?:\s+\S+){0,4}?\s+(?:messag\w*|msg\w*|dm\w*|comment\w*|tagged|reposted|replied)\b`,
].join('|'), 'i');
const NOT_POSTS = /\bnothing\s+to\s+do\s+with\b|\bnot\s+(?:about|via|on|through|from|over)\s+(?:any\s+|a\s+|an\s+|our\s+|my\s+)?(?:social|post|posts|anything|online)|\b(?:didn['’]?t|did\s+not|not|nobody|no\s+one|never)\s+(?:\w+\s+){0,3}?(?:through|via|on|over)\s+social\b/i;
const IMAGE = idea('photo', 'photograph', 'picture', 'pic', 'image', 'imagery', 'video', 'film', 'selfie', 'footage', 'camera', 'cam', 'clip', 'vid', 'reel', 'livestream', 'shot', 'photoshoot');
const ABUSE = idea('abuse', 'abusive', 'bully', 'bullying', 'harass', 'harassment', 'troll', 'trolling', 'threat', 'threaten', 'threatening', 'hate', 'vile', 'racist', 'homophobic', 'sexist', 'defamatory', 'slag', 'nasty',
  // What abuse says, when the question quotes it ("... is a useless idiot"): common English insults.
  'idiot', 'moron', 'useless', 'fat', 'lazy', 'worthless', 'disgusting', 'pathetic', 'disgrace', 'scum', 'loser', 'ugly', 'stupid', 'incompetent', 'clown', 'pervert', 'paedo', 'nonce', 'creep', 'liar', 'bitch', 'slut', 'cow',
  // Ganging up, mockery and impersonation.
  'horrible', 'ripping', 'slating', 'slagging', 'impersonate', 'impersonating', ...INSULT_SLANG.filter((w) => !w.includes(' ')));
/**
 * Someone called to be sacked, or threatened with it ("should be sacked", "shud b sacked", "calling for her
 * to be sacked", "he'll get me sacked", "wants her sacked"): abuse. Sacked as what happened ("a teacher got sacked over a TikTok") or as the asker's
 * worry ("am I gonna get sacked") is not.
 */
const SACKING_CALLED = /\b(?:should|shud|shld|shd|ought\s+to|needs?\s+to|deserves?\s+to|calling\s+for\s+(?:\w+\s+){0,5}?to)\s+(?:be|b|get)\s+sacked\b|\b(?:get|getting|got|have|want|wants|wanted|wanting)\s+(?:me|her|him|them|you|u|us|(?:mr|mrs|miss|ms|sir)\s+\w+|(?:the|our|that|this|a|my)\s+(?:\w+\s+)?(?:teacher|head|ta|colleague|deputy|nqt|ect))\s+sacked\b|\bsack\s+(?:her|him|them|me|you)\b/i;
/**
 * A threat said in words, without the word ("saying he'll 'sort me out'", "knows where I live",
 * "I'll regret it", "watch your back", "she'll be waiting for me after school", "they'd 'see me at the
 * gate'"), or the asker's fear of one ("I'm frightened to go home").
 */
const THREAT = /\bsort\s+(?:me|her|him|them|you|us|(?:our|the|that|this|your|my)\s+(?:[\w-]+\s+)?(?:teacher|deputy|head|headteacher|ta|colleague|receptionist|caretaker)|(?:mr|mrs|miss|ms|sir)\s+\w+)\s+out\b|\bknows?\s+where\s+(?:i|she|he|we|you|they)\s+lives?\b|\b(?:we|i)\s+know\s+where\s+you\b|\bwatch\s+your\s*self\b|\b(?:i'?ll|you'?ll|she'?ll|he'?ll|they'?ll|i\s+will|you\s+will|she\s+will|he\s+will|they\s+will)\s+(?:\w+\s+)?regret\b|\bwatch\s+(?:your|my|her|his|their)\s+back\b|\b(?:will|'ll|gonna|going\s+to|threaten(?:s|ed|ing)?\s+to)\s+(?:hurt|smash|batter|deck|kill)\s+(?:me|her|him|you)\b(?!\s+feelings)|\binsult(?:ed|ing)\s+(?:me|her|him|them|staff|a\s+teacher|our|the\s+teacher)\b|\b(?:'ll|'d|will|would|gonna|going\s+to)\s+['‘"“]?(?:see|catch|get|find)\s+(?:me|her|him|you)\s+(?:at|outside|by)\s+(?:the\s+)?(?:school\s+)?gates?\b|\bwaiting\s+for\s+(?:me|her|him|you|us)\s+(?:after\s+(?:school|work)|outside|at\s+the\s+(?:school\s+)?gates?|in\s+the\s+car\s*park)\b|\b(?:frightened|scared|afraid|terrified)\s+(?:to\s+(?:go\s+home|leave\s+(?:school|work|the\s+building)|walk\s+(?:home|to\s+my\s+car))|for\s+my\s+(?:safety|life))\b/i;
/** Aggression aimed at a colleague ("really aggressive messages at another trainee"): not a message sent to the asker (5.5, 4.1.5). */
const AGGRESSION_AT_COLLEAGUE = /\baggressive\s+(?:\w+\s+){0,2}?(?:at|to|towards|about)\s+(?:another|a|my|our|one\s+of\s+(?:my|our|the))\s+(?:\w+\s+)?(?:colleague|trainee|teacher|ta|member\s+of\s+staff|staff)\b/i;
/** Mockery, said in words ("mocking a TA", "making fun of me", "being ridiculed"); not "mocks", the exams. */
const MOCKERY = /\b(?:mock(?:ed|ing)|mockery|ridicul(?:e|es|ed|ing)|mocks?\s+(?:their|the|our|my|his|her|me|him|them|us|(?:mr|mrs|miss|ms|sir)\b)(?!\s+(?:\w+\s+)?(?:exams?|papers?|results?|grades?|tests?|week|timetable|season|marks?|questions?)\b)|(?:make|makes|making|made)\s+fun\s+of|memes?\s+(?:about|of)\s+(?:me|my|him|her|mr|mrs|miss|ms|sir)\b|(?:take|takes|taking|took)\s+the\s+(?:mick|mickey|micky|piss)\s+out\s+of)\b/i;
/**
 * Ganging up and running someone down, said in words: "parents piling in on a post about her", "a
 * pile-on", "slagging off Mr X", "mouthing off about me", "laying into our TA", "calling her all sorts".
 */
const GANGING_UP = /\bpil(?:e|es|ed|ing)\s+(?:in|into|on)\b|\bpile[- ]?ons?\b|\bgang(?:s|ed|ing)?\s+up\s+on\b|\bslag(?:s|ged|ging)?\s+(?:[\w']+\s+){0,3}?off\b|\b(?:lay|lays|laying|laid|tear|tears|tearing|tore|rip|rips|ripping|ripped)\s+into\b|\bbad[- ]?mouth(?:s|ed|ing)?\b|\bcall(?:s|ed|ing)?\s+(?:him|her|them|me|us)\s+(?:all\s+sorts|every\s+name|everything)\b|\b(?:making|made|make)\s+digs\s+at\b|\bmouth(?:s|ed|ing)?\s+off\s+about\s+(?:me|us|(?:mr|mrs|miss|ms|sir)\b|(?:a|the|our|my)\s+(?:\w+\s+)?(?:teacher|colleague|ta|head|deputy|staff))|\bbelittl(?:e|es|ed|ing)\b/i;
/**
 * "Having a go at" a member of staff, or digs and pops at them, said where others read it ("in the staff
 * WhatsApp", "in the comments", "on the community Facebook group"): running them down. Not the asker's own
 * ("I had a go at a colleague", "in bother for having a go at"), nor told off in person ("the deputy had a
 * go at me").
 */
const HAVING_A_GO = /(?<!\bi\s+(?:\w+\s+)?|\bfor\s+)\b(?:hav(?:e|es|ing)|has|had|tak(?:e|es|ing)|took)\s+(?:a\s+)?(?:go|pop|pops|dig|digs|swipe|swipes|pot-?shots?)\s+at\s+(?:(?:the|my|our|a|an|another|one\s+of\s+(?:the|our|my))\s+)?(?:[\w-]+\s+){0,2}?(?:teachers?|tas?|colleagues?|staff|head(?:teacher)?s?|deputy|deputies|hods?|ects?|trainees?|directors?|managers?|receptionists?|caretakers?|mr|mrs|miss|ms|sir)\b/i;
const READ_BY_OTHERS = /\b(?:in|on|under)\s+(?:the|our|my|a|their|his|her)\s+(?:[\w'’-]+\s+){0,3}?(?:whatsapp|chat|gc|group|comments?|page|post|feed|thread|story|stories|facebook|fb|insta\w*|tiktok|twitter|x|teams|forum)\b|\b(?:on|in|via)\s+(?:facebook|fb|insta\w*|tiktok|twitter|whatsapp|snap\w*|social(?:\s+media)?|the\s+comments)\b|\b(?:posts?|posting|posted|comments?|commenting|commented|memes?|tweets?|tweeting|tweeted)\s+(?:\w+\s+){0,2}?(?:having|taking|with)\b/i;
/** A claim about a member of staff said to be false ("saying she hit a child. It's not true", "making stuff up about me"): a smear. */
const FALSE_CLAIM = /\b(?:not|isn'?t|wasn'?t|never)\s+true\b|\buntrue\b|\b(?:completely|totally|all|entirely)\s+made[- ]up\b|\bmak(?:e|es|ing)\s+(?:up\s+)?(?:stuff|things|lies|claims|stories)\s+(?:up\s+)?about\b|\bmade[- ]up\s+(?:stuff|things|lies|claims|stories|allegations)\b|\bfalse(?:ly)?\s+(?:claims?|allegations?|accusations?|accus(?:ed|ing))\b|\bunfounded\b|\bfabricated\b/i;
/** Said in public, so a false claim is a smear, not a disagreement ("my head says we can't, that's not true"). */
const PUBLISHED = /\b(?:post(?:s|ed|ing)?|wrote|written|writing|comments?|commented|review|shared|sharing|spreading|page|group|e-?mail(?:s|ed|ing)?|forwarded|sent\s+(?:round|around|out))\b|\bon\s+(?:facebook|fb|insta\w*|tiktok|twitter|x|snapchat|whatsapp|youtube|linkedin|social|line)\b/i;
/** Name-calling, however it is put. */
const NAME_CALLING = /\bcall(?:s|ed|ing)?\s+(?:\S+\s+){0,5}?names\b|\bname[- ]calling\b|\bcall(?:s|ed|ing)\s+(?:me|him|her|them|us|(?:mr|mrs|miss|ms|sir)\s+\w+|(?:our|the|my|a)\s+(?:\w+\s+)?(?:teacher|head|headteacher|deputy|colleague|ta|receptionist))\s+an?\s+\w+|\bcall(?:s|ed|ing)\s+(?:our|the|my|all\s+the)\s+(?:\w+\s+)?(?:teachers|staff|colleagues|tas)\s+\w+/i;
/** Smears: "spreading rumours about the head", "accusing her of". */
const SMEAR = /\b(?:a|complete|total|blatant|outright|pack\s+of)\s+lies?\b|\baccus(?:e|es|ed|ing)\s+(?:[\w']+\s+){0,4}?of\b|\bspread(?:s|ing)?\s+(?:\w+\s+)?(?:rumou?rs?|lies|gossip)\b|\b(?:posting|posted|telling|told)\s+lies\b/i;
/** Exposure: "posted my home address", "a screenshot with one of our teachers' home address" (abuse of whoever it exposes, not a smear). */
const EXPOSED = /\b(?:posted|shared|published|put|leaked)\s+(?:\w+\s+){0,2}?(?:home\s+address|address|phone\s+number|mobile\s+number)\b|\b(?:teachers?|colleagues?|staff|head(?:teacher)?|deputy|tas?)(?:['’]s|s['’]|['’])?\s+home\s+address(?:es)?\b/i;
/** Impersonation: "a fake account pretending to be me", "a parody page of Mr Smith", "a fake Insta using my photo and name". */
/** Platforms a fake account is named on; IMPERSONATION's "fake x of …" adds x, too loose beside "with my name". */
const FAKE_ON = String.raw`(?:insta\w*|tiktok|snap\w*|fb|facebook|twitter)`;
const IMPERSONATION = new RegExp(String.raw`\b(?:account|profile|page)\s+(?:\w+\s+){0,2}?(?:using|with|in)\s+my\s+(?:name|photos?|pictures?|identity)\b|\b(?:fake|spoof|parody)\s+${FAKE_ON}\s+(?:\w+\s+){0,2}?(?:using|with|in)\s+(?:my|me)\s+(?:name|photos?|pictures?|identity)\b|\b(?:fake|spoof|parody|imposter|impostor)\s+(?:\w+\s+){0,2}?(?:account|profile|page)\b|\bpretending\s+to\s+be\s+(?:me|a\s+teacher|one\s+of|mr|mrs|miss|ms|the\s+head)\b|\bfake\s+(?:${FAKE_ON}|x)\s+(?:account\s+|page\s+)?(?:of|for|pretending|as)\b`, 'i');
/** The asker as the target ("trolling me", "being trolled", "ripping into me", "commenting on my pics", "a fake Insta with my photo", "mocking my accent"): stop words never reach the analysis. */
const ASKER_TARGET = /\b(?:me|myself)\b|\b(?:saying|claiming|posting|telling\s+(?:people|everyone|parents))\s+(?:\w+\s+){0,2}?that\s+i\b|\busing\s+my\s+(?:name|photos?|pictures?|identity|details)\b|\bwith\s+my\s+(?:photos?|pictures?)\b|\b(?:(?:make|makes|making|made)\s+fun\s+of|mock(?:s|ed|ing)|ridicul(?:e|es|ed|ing))\s+my\s+(?:accent|voice|face|hair|weight|looks|appearance|teaching|clothes|name|photos?|pictures?)\b|\bmy\s+(?:home\s+address|address|phone\s+number|mobile\s+number)\b|\b(?:i'?m|i\s+am|i'?ve\s+been|i\s+have\s+been|i\s+was)\s+(?:being\s+)?(?:\w+\s+)?(?:trolled|bullied|harassed|abused|threatened|targeted|insulted|mocked)\b|^\s*being\s+(?:trolled|bullied|harassed|abused|threatened|targeted)\b|\bwhere\s+i\s+live\b|\b(?:on|under)\s+(?:all\s+)?my\s+(?:\w+\s+){0,2}?(?:pics?|photos?|pictures?|posts?|videos?|vids?|reels?|selfies?|tiktoks?)\b|^\s*(?:been\s+|keep\s+)?(?:getting|receiving)\s+(?:\w+\s+){0,2}?(?:messages|dms|texts|emails|comments|abuse|threats)\b|^\s*(?:i\s+)?(?:got|received)\s+(?:a|an|this|some)\s+(?:\w+\s+)?(?:message|dm|text|comment|threat)s?\s+(?:saying|that\s+said|telling)\b/i;
/**
 * Left on the asker's own page ("nasty comments a parent's leaving on my personal fb", "nasty msgs on my insta"),
 * unless the asker is the one posting there. A bare "my page" or "my account" may be one the asker runs for the school.
 */
const OWN_PLATFORM = String.raw`fb|facebook|insta\w*|tiktok|twitter`;
const ON_MY_PAGE = new RegExp(String.raw`\b(?:on|under|to)\s+my\s+(?:(?:own\s+|personal\s+)+(?:${OWN_PLATFORM}|page|account|profile|feed)|(?:${OWN_PLATFORM})(?:\s+(?:page|account|profile|feed))?)\b`, 'i');
const ASKER_POSTS = /\b(?:i|i'?m|i'?ve)\s+(?:\w+\s+){0,2}?(?:put|putting|post|posted|posting|share|shared|sharing|wrote|write|writing|make|made|upload\w*|slag\w*|moan\w*|reply|replied|replying)\b/i;
/** Abuse aimed at staff: a colleague, the asker, or someone named by title ("Mr Jones"). */
const STAFF = idea('colleague', 'staff', 'teacher', 'headteacher', 'head', 'deputy', 'ta', 'tas', 'me', 'mr', 'mrs', 'ms', 'miss', 'sir');
/** A colleague as the target of abuse (the asker excepted). */
const COLLEAGUE = idea('colleague', 'teacher', 'ta', 'tas', 'headteacher', 'head', 'deputy', 'staff', 'mr', 'mrs', 'ms', 'miss');
const STAFF_TYPED = /\b(?:colleagues?|teachers?|tas?|headteacher|head|deputy|staff|mr|mrs|ms|miss|trainees?|ects?)\b/i;
/**
 * Staff named by a role ("our RE lead", "the PE coordinator"), as one of the asker's team, or as a
 * member (a union's word for the staff it represents), not as a member of the public or a family.
 */
const STAFF_ROLE = /\b(?:our|the|my|a|an|their)\s+[\w&]+\s+(?:lead|leader|coordinator|co-ordinator|manager|technician|director)s?\b|\bone\s+of\s+(?:my|our)\s+team\b|\bmembers?\s+of\s+staff\b|\b(?:our|the|my|a|an)\s+(?:[\w-]+\s+)?(?:caretaker|receptionist|cleaner|bursar|librarian|chaplain|school\s+nurse|site\s+manager|office\s+manager|dinner\s+lad(?:y|ies)|(?:lunchtime|midday|cover)\s+supervisor)s?\b/i;
/**
 * The asker said outright to be the one abused ("calling me a fraud", "tweeting that I'm a creep", "memes with my
 * face on them", "it's obviously me"): 7.6.7 first though a staff word describes them ("a bad teacher"). Not
 * "expected of me", nor "not about me".
 */
const ASKER_NAMED = /\b(?<!(?:\bnot|n['’]t)\s+(?:\w+\s+)?)(?:about|abt|of|at|calling|called|calls|mocking|targeting|targetting|pretending\s+to\s+be|impersonating|slagging(?:\s+off)?|harass(?:ing|ed)|troll(?:ing|ed)|threaten(?:ing|ed)|insult(?:ing|ed))\s+me\b(?<!\bexpected\s+of\s+me)|\b(?:saying|said|says|claiming|claimed|claims|posting|posted|tweeting|tweeted|writing|wrote|written)\s+(?:\w+\s+){0,2}?that\s+i(?:['’]m|\s+am|\s+was|\s+had|\s+have)\b|\b(?:it['’]?s|that['’]?s|its|thats)\s+(?:obviously\s+|clearly\s+|definitely\s+|actually\s+)?me\b|\bwith\s+my\s+face\b|\bmemes?\s+(?:about|of)\s+(?:me\b|my\s+(?!(?:\w+\s+)?(?:assistants?|colleagues?|tas?|teachers?|deputy|head|manager|team|staff|mentee|trainee)\b))/i;
/** "Saying I'm a rubbish TA", without ASKER_NAMED's "that": the asker named, except in an e-mail, whose tone is its own clause (4.1.4, 4.1.5). */
const ASKER_SAID = /\b(?:saying|claiming|posting|tweeting)\s+i(?:['’]m|\s+am)\s+(?:a|an|the)\b/i;
/** A head or line manager named as the one who advises or is told, not the one abused. */
const ADVISER = String.raw`(?:my|the|our)\s+(?:head(?:teacher)?|line\s+manager|deputy(?:\s+head)?|mentor|hod|head\s+of\s+\w+)`;
/** The asker and a colleague together ("me and a colleague", "my colleague and I"). */
const ASKER_AND_COLLEAGUE = /\b(?:me|i|myself)\s+and\s+(?:a|my|another|one)\s+(?:\w+\s+)?(?:colleague|co-?worker|ta|teacher)s?\b|\b(?:a|my|another)\s+(?:\w+\s+)?(?:colleague|co-?worker|ta|teacher)\s+and\s+(?:i|me|myself)\b/i;
/** Staff words that are not the target: the one who advised, the asker's own role, a name called in quotes ("'fat TA' on my pics"). */
const NOT_TARGET = new RegExp(String.raw`\b${ADVISER}\s+(?:has\s+|just\s+)?(?:said|says|told\s+me|tells\s+me|wants\s+me|asked\s+me|reckons|thinks)\b|\b(?:tell|telling|inform|report(?:\s+(?:it|this|that|them))?\s+to|go\s+to|speak\s+to|talk\s+to)\s+${ADVISER}\b|\b(?:me|i'?m|i\s+am)\s+(?:an?\s+)?(?:[\w']+\s+){0,2}?(?:ta|teacher|trainee|head|ect)\b|(?:^|\s)['‘"“][^'’"”]{0,30}?\b(?:ta|teacher|trainee|head|ect|miss|sir)\b[^'’"”]{0,30}?['’"”]`, 'gi');
/** The asker runs the page ("I'm one of the admins", "I'm the admin"): its moderation is what they can do (7.7.2). */
const ADMIN_ASKER = /\b(?:i'?m|i\s+am)\s+(?:the|an|a|one\s+of\s+the)\s+(?:page\s+|account\s+)?(?:admins?|administrators?|moderators?)\b|\bi\s+(?:run|manage|moderate|help\s+(?:to\s+)?run|co-?run)\s+(?:the|our)\s+(?:[\w']+\s+){0,2}?(?:page|account|insta\w*|facebook|fb|twitter|tiktok|youtube)\b|\b(?:i'?m|i\s+am)\s+(?:co-?)?admin\b|\bi(?:'ve|\s+have)\s+got\s+admin\b/i;
/**
 * Deleting or leaving up comments asked about, under a page not said to be anyone's own ("fb page comments calling our
 * teachers 'useless tramps' - r we meant 2 delete or leave em", "a mum's written something vile about me on the club
 * page. Can I delete it", "what should the admins be doing"): moderating a page the school runs (7.7.2).
 */
const MODERATE_ASKED = /\bwhat\s+(?:should|do|must|can|are)\s+(?:the\s+)?(?:page\s+|account\s+)?admins?\b|\bdelet(?:e|ing)\b|\bleave\s+(?:it|them|em)\b|\btake\s+(?:it|them)\s+down\b/i;
const ON_A_PAGE = /\b(?:the|our)\s+(?:[\w'’-]+\s+){0,2}?(?:page|acc|account|insta\w*|fb|facebook|youtube)\b|\bfb\s+page\b/i;
const OWN_PAGE = /\b(?:my|her|his|their|someone['’]s)\s+(?:own\s+)?(?:personal\s+|private\s+)?(?:[\w-]+\s+)?(?:page|account|acct|fb|facebook|insta\w*|twitter|tiktok|profile|feed)\b/i;
/** The asker says they cannot moderate it ("I'm not an admin", "I ain't the admin", "not one of the admins", "I don't have admin access", "I don't run the page"). */
const NOT_ADMIN = /\b(?:(?:i'?m|i\s+am)\s+not|i\s+(?:ain['’]?t|aint|ent|amn['’]?t))\s+(?:an?\s+|the\s+|one\s+of\s+the\s+)?(?:page\s+|account\s+)?(?:admins?|administrators?|moderators?)\b|\bi\s+(?:don'?t|do\s+not|can'?t|cannot)\s+(?:have\s+(?:any\s+)?(?:admin|the\s+login|access)|run|manage|moderate|log\s*in\s+to|get\s+into)\b/i;
/** A former pupil: personal communication (9.1) governs before connecting (7.6.15). */
const FORMER = idea('former', 'ex', 'left');
/**
 * "ex" and "left" that say nothing of a former pupil: the asker's ex-partner ("my ex's public profile";
 * "my ex-pupil" still is one), a request "left pending" or "on read", "doesn't feel left out", "left a comment".
 */
const NOT_FORMER = /\b(?:my|her|his|their|your)\s+ex\b(?![-\s]+(?:pupils?|students?|tutees?|learners?|leavers?|y(?:ea)?r?\s*\d|years?|class|form|sixth|kids?|child(?:ren)?|members?\s+of\s+staff))|\bleft\s+(?:it|them|him|her|me|this|that)\s+(?:on\s+read|pending|sitting|unanswered|hanging)\b|\bleft\s+(?:on\s+)?read\b|\bleft\s+out\b|\bleft\s+(?:a|an|some)\s+(?:comments?|messages?|notes?|reviews?|voicemails?|voice\s*notes?|replies)\b/gi;
/** A former pupil said in more words: "one of last year's y11s", "now at college", "moved to another school", "a 14 year old who moved away", "moved up to secondary", "he was my pupil", "was in our school years ago", "kids who used to go to the school" (its subject the other person: not "I went to the school disco", "he never went to our school"). */
const FORMER_TYPED = /\blast\s+year'?s\s+(?:y(?:ear)?\s*\d+s?|leavers|class|form|pupils|students)\b|\b(?:now|is)[,\s]+(?:(?:\d{1,2}\s+)?(?:now[,\s]+)?and\s+)?at\s+(?:the\s+)?(?:college|uni|university|sixth\s+form|secondary|high\s+school)\b|\bat\s+(?:college|uni|secondary|high\s+school)\s+now\b|\bnow\s+in\s+y(?:ea)?r?\s*\d{1,2}\s+at\s+(?:the\s+|a\s+)?(?:high\s+school|secondary|college|another)\b|\b(?:who'?s|who\s+has|he'?s|she'?s|they'?ve|has)\s+gone\s+(?:on\s+)?to\s+(?:college|uni|university|secondary|high\s+school)\b|\b(?:don'?t|doesn'?t|do\s+not|does\s+not)\s+(?:go|come)\s+(?:to\s+)?(?:our|this|the)\s+school\s+any\s*more\b|\bused\s+to\s+come\s+here\b|\bbefore\s+this\s+job\b|\bwas\s+with\s+us\s+(?:a\s+couple\s+of|a\s+few|two|three|\d+)\s+years\s+(?:back|ago)\b|\b(?:moved|transferred|changed)\s+(?:to\s+)?(?:another|a\s+different|a\s+new|other)\s+schools?\b|\b(?:moved|changed)\s+schools\b|\b(?:pupils?|students?|kids?|child|girls?|boys?|lads?|y\d{1,2}s?|year\s*\d{1,2}s?|(?:[4-9]|1[0-7])[- ]?(?:year|yr)s?[- ]?old)\s+(?:who|that)\s+(?:has\s+|had\s+|have\s+)?moved\s+away\b|\bwas\s+(?:in|at)\s+(?:our|my|the)\s+(?:school|class)\b|\b(?:who|that|he|she|they)\s+(?:used\s+to\s+(?:go|come)\s+to|used\s+to\s+attend|went\s+to)\s+(?:our|my|the|this)\s+(?:school|academy|class|primary)\b|\bwho\s+(?:has\s+)?left\b|\bused\s+to\s+(?:teach|tutor|support|coach|have|mentor|see|look\s+after|work\s+with|do\s+\w+\s+with|be\s+(?:in|at|one\s+of))\b|\bdropped\s+out\b|\b(?:was|were)\s+(?:my|our|one\s+of\s+(?:my|our))\s+(?:pupils?|students?|tutees?)\b(?!\s+(?:now|still|this\s+year))|\b(?:moved|moves|moving|move|gone|went|going|go|goes)\s+(?:up|on)\s+to\s+(?:the\s+)?(?:secondary|high\s+school|big\s+school|college|uni|university)\b|\bwhen\s+(?:she|he|they)\s+(?:was|were)\s+(?:in|at)\s+(?:y(?:ear)?\s*\d|reception|nursery|primary|my\s+class|our\s+school)/i;
/**
 * A former pupil said by the time between (an "old pupil" or a "past pupil", not a "15-year-old pupil"): taught "years ago", "is 15 now" or
 * "in Year 9 now" after being taught or had,
 * a leaver from last July (not "the Y6 leavers", still pupils), an old class, "not our pupil any more", "at my last school", "a Year 10 from there" after another school, contact after they (or "someone") leave.
 */
const FORMER_TIME = /(?<!\b(?:year|yr)s?[- ])\b(?:old|ex)\s+(?:pupils?|students?|class|form|tutees?|tutor\s+group|y(?:ea)?r?\s*\d{1,2}s?)\b|(?<!\bthe\s)\b(?:past|previous)\s+(?:pupils?|students?)\b|\bleavers?\s+(?:from|of)\s+(?:last|july|june|the\s+summer|20\d\d)\b|\bleavers?\s+from\s+(?:a\s+(?:few|couple\s+of)|two|three|four|five|\d+)\s+years?\s+(?:back|ago)\b|\b(?:last|this\s+past)\s+(?:july|june|summer|year)'?s?\s+(?:y(?:ear)?\s*\d+\s+)?leavers?\b|^\s*leavers?\b|\bnot\s+(?:our|my|a)\s+(?:pupil|student)\s+(?:here\s+|at\s+(?:this|our|the)\s+school\s+)?any\s*(?:more|longer)\b|\b(?:got|was|been|we)\s+(?:permanently\s+)?excluded\s+(?:(?:last|in)\s+(?:year|term|summer|y(?:ea)?r?\s*\d)|in\s+y(?:ea)?r?\s*\d)|\byears?\s+(?:ago|back)\b[^.?!]*\b(?:now\s+(?:1\d|[4-9])\b|1\d\s+now\b)|\bno\s+longer\s+(?:our|my|a|at\s+(?:our|the|my))\b|\b(?:at|from)\s+my\s+(?:last|old|previous|first\s+placement)\s+school\b|\bafter\s+(?:results\s+day|they\s+leave|they'?ve\s+left|they\s+have\s+left|they\s+finish)\b|\bafter\s+(?:a|the|our|my)?\s*(?:child(?:ren)?|kids?|pupils?|students?)\s+(?:leaves?|left|ha(?:s|ve)\s+left)\b|\bonce\s+they'?(?:ve|\s+have)?\s+(?:left|finished|gone)\b|\b(?:after|once)\s+(?:someone|somebody)\s+(?:leaves|has\s+left|left)\b(?!\s+(?:a|an|the\s+(?:staff|job|trust)|their\s+(?:job|post)))|\b(?:taught|had|supported|knew|tutored|coached)\s+(?:[\w']+,?\s+){0,5}?(?:years?|terms?)\s+(?:ago|back)\b|\b(?:taught|had|supported|tutored|coached)\s+(?:[\w']+,?\s+){0,8}?(?:is|she'?s|he'?s|they'?re|are|who'?s|who\s+is)\s+(?:all\s+)?(?:now\s+(?:[4-9]|1\d|2\d|in\s+y(?:ea)?r?\s*\d{1,2}\b)|(?:[4-9]|1\d|2\d|in\s+y(?:ea)?r?\s*\d{1,2})\s+now)\b|\b(?:from|at|in)\s+(?:another|a\s+different|my\s+(?:last|old|previous|other))\s+school\b[^.?!]*[.?!]?[^.?!]*\b(?:pupils?|students?|kids?|girls?|boys?|lads?|y\d{1,2}s?|year\s*\d{1,2}s?)\s+from\s+there\b/i;
/**
 * A former pupil whose brother or sister is a pupil now ("his little sister is in my Y8 class", "his younger
 * brother has just joined my Year 9 class"; not one who "joined the army"): a relative of a child at the school, whom 7.6.17 asks staff to decline.
 */
const SIBLING_IN_SCHOOL = /\b(?:his|her|their)\s+(?:little\s+|younger\s+|older\s+|big\s+|baby\s+|twin\s+)?(?:sister|brother|sibling|cousin)s?\s+(?:(?:is|are|has\s+just\s+started|just\s+started|started)\s+(?:now\s+|still\s+)?(?:in|at)\s+(?:my|our|the|this|y(?:ea)?r?\s*\d)|(?:has\s+(?:just\s+)?joined|just\s+joined|joined|is\s+joining)\s+(?:(?:in|at)\s+)?(?:my|our|this|y(?:ea)?r?\s*\d|the\s+(?:school|academy|class|y(?:ea)?r?\s*\d|reception|nursery)\b))/i;
/**
 * A former pupil who is a parent here now ("now has a child in my Year 8 class", "is now a parent at our school",
 * "is now a mum at our school", "is now a mam with a bairn in me Y7 class",
 * "has a little girl starting in Reception", "her little boy has just started Y7 here"): a pupil's relative (7.6.17),
 * as SIBLING_IN_SCHOOL. A year or Reception needs no "our": the school is the one asked about.
 */
/** The child said to be at another school ("has just started nursery at another school"): not a relative of a pupil here. */
const NOT_ELSEWHERE = String.raw`(?![^.?!]*\b(?:at|in|to)\s+(?:another|a\s+different|other|a\s+new)\s+school)`;
const CHILD_IN_SCHOOL = new RegExp(String.raw`\b(?:is|are|she'?s|he'?s)\s+now\s+a\s+parent\s+(?:at|here|in)\b|\b(?:is|are|she['’]?s|he['’]?s|who['’]?s)\s+now\s+a\s+${PARENT_WORD}\s+(?:here\b|(?:at|in)\s+(?:our|this|my|the)\s+(?:school|academy|class)\b|with\s+(?:a|an|her|his|their|two)\s+(?:own\s+)?(?:little\s+|young\s+)?(?:kids?|son|daughter|boy|girl|child|children|lad|lass|bairn)\s+(?:in|at)\s+(?:(?:my|me|our|the|this)\s+(?:\w+\s+)?(?:school|academy|class|form|reception|nursery|y(?:ea)?r?\s*\d)|reception|nursery|y(?:ea)?r?\s*\d))${NOT_ELSEWHERE}|\b(?:now\s+)?(?:has|have|got)\s+(?:a|an|her|his|their|two)\s+(?:little\s+|young\s+)?(?:kids?|son|daughter|boy|girl|child|children|lad)\s+(?:(?:who'?s\s+|who\s+(?:is|has)\s+|that'?s\s+)?(?:just\s+)?(?:starting|started|now)\s+)?(?:in|at)\s+(?:(?:my|our|the|this)\s+(?:\w+\s+)?(?:school|academy|class|form|reception|nursery|y(?:ea)?r?\s*\d)|reception|nursery|y(?:ea)?r?\s*\d)${NOT_ELSEWHERE}|\b(?:her|his|their)\s+(?:little\s+|young\s+|eldest\s+|youngest\s+|oldest\s+)?(?:son|daughter|boy|girl|lad|child|kids?|children)\s+(?:is|are|has\s+just\s+started|just\s+started|has\s+started|started|is\s+starting|starts|starting|is\s+joining|joins|joined|has\s+joined)\s+(?:now\s+)?(?:with\s+us\b|here\b|(?:(?:in|at)\s+)?(?:(?:my|our|the|this)\s+(?:\w+\s+)?(?:school|academy|class|form)|reception|nursery|y(?:ea)?r?\s*\d{1,2})\b)${NOT_ELSEWHERE}`, 'i');
/** Pupils here, as a parent of one would name them: "our Year 7s", "us Reception class", "my class". */
const OUR_PUPILS = String.raw`(?:(?:my|me|our|us|the|this)\s+(?:\w+\s+)?(?:school|academy|class|form|reception|nursery|y(?:ea)?r?\s*\d{1,2}s?|pupils|kids|children|students)|reception|nursery|y(?:ea)?r?\s*\d{1,2})`;
/**
 * A class here, named as ours ("our Reception", "my year 1 class", "Reception with us"): narrower than OUR_PUPILS,
 * as a child "starting reception" may start it at any school.
 */
const OUR_CLASS = String.raw`(?:(?:my|me|our|us)\s+(?:\w+\s+)?(?:school|academy|class|form|reception|nursery|y(?:ea)?r?\s*\d{1,2}s?)|(?:reception|nursery|y(?:ea)?r?\s*\d{1,2})\s+(?:here|with\s+us))`;
const CHILD_NOUN = String.raw`(?:(?:own\s+)?(?:little\s+|young\s+)?(?:kids?|son|daughter|boy|girl|child|children|lad|lass|bairn)|little\s+['’]?uns?|little\s+one)`;
/**
 * A former pupil who is a parent here, in the words CHILD_IN_SCHOOL does not take: "is now the mum of one
 * of our Year 7s", "is a mam herself now wi' a little 'un in us Reception class", "one of the mums at the
 * school gate turns out to be a girl I had in class", or their own child named first: "her little one's just
 * started in our Reception", "his son's starting in Reception with us".
 */
const PARENT_HERE = new RegExp(String.raw`\b(?:is|are|she['’]?s|he['’]?s|who['’]?s)\s+(?:now\s+)?(?:a|the)\s+${PARENT_WORD}\s+(?:(?:herself|himself|themselves)\s+)?(?:now\s+)?(?:of\s+(?:one\s+of\s+|two\s+of\s+)?${OUR_PUPILS}|(?:of|with|wi['’]?)\s+(?:a|an|her|his|their|two)\s+${CHILD_NOUN}\s+(?:in|at)\s+${OUR_PUPILS})\b${NOT_ELSEWHERE}|\bone\s+of\s+(?:the|our)\s+${PARENT_WORD}\s+(?:at|in|on)\s+(?:the\s+)?(?:school\s+)?(?:gates?|playground|pick[\s-]?up|drop[\s-]?off|school\s+run)\b|\b(?:her|his|their)\s+${CHILD_NOUN}(?:['’]s|\s+(?:is|has))?\s+(?:just\s+|now\s+|also\s+)?(?:started|starting|starts|joined|joining|joins)\s+(?:(?:in|at)\s+)?${OUR_CLASS}\b${NOT_ELSEWHERE}`, 'i');
const RELATIVES = '7.6.17';
/** Here, at this school: "here", "with us", "in our maths department", "in our own maths department", "in dept". */
const HERE = String.raw`(?:here|with\s+us|(?:at|in)\s+(?:our|this|my)\s+(?:own\s+)?(?:\w+\s+)?(?:school|academy|dept|department|team|faculty)|in\s+(?:the\s+)?(?:dept|department|faculty))\b`;
/** A job on the staff, as a former pupil says they have it here ("as a TA", "as a trainee teacher"). */
const STAFF_JOB = String.raw`(?:ta|teaching\s+assistant|teacher|trainee|ect|cover\s+supervisor|lsa|hlta|apprentice)`;
/**
 * A former pupil who works here now ("is now a TA here", "has just started as a TA in dept", "now works here as an
 * apprentice TA", "has just joined our school as a trainee teacher", "has just started with us as an apprentice TA"): a colleague first (7.6.16), then contact with
 * a former pupil. Not one working at another school, nor one who "joined our school in Year 9" or "started here in
 * Year 7" (as a pupil).
 */
const STAFF_HERE_NOW = new RegExp(String.raw`\b(?:is|she['’]?s|he['’]?s|who['’]?s|now)\s+(?:now\s+)?(?:a|an|our|one\s+of\s+our)\s+(?:\d+[- ]year[- ]old\s+)?(?:\w+\s+)?(?:tas|colleague|member\s+of\s+staff|${STAFF_JOB})\s+${HERE}|(?<!\b(?:doesn['’]?t|does\s+not|no\s+longer|don['’]?t|not|never)\s+)\b(?:started|working|works|joined)\s+(?:(?:here|at\s+(?:our|this|my)\s+school)\b(?!\s+(?:in|as\s+an?|at)\s+(?:y(?:ea)?r?\s*\d|reception|nursery|sixth|\d{4}\b))|(?:here\s+)?as\s+(?:a|an|our)\s+(?:\w+\s+)?${STAFF_JOB}\s+${HERE}|with\s+us\s+as\s+(?:a|an)\s+(?:\w+\s+)?${STAFF_JOB}\b|(?:at\s+)?(?:our|this|my)\s+(?:school|academy)\s+as\s+(?:a|an)\s+(?:\w+\s+)?${STAFF_JOB}\b)|\bjoined\s+(?:our|the)\s+staff\b`, 'i');
const COLLEAGUES_CONNECTING = '7.6.16';
/** "keeps adding me on insta": the vocabulary's reading of "keeps adding" can leave the adding too far from the pupil. */
const ADDS_ME = /\badd(?:s|ed|ing)\s+(?:me|us)\b/i;
/** Connected already: "I have him on everything", "she has them on snap". */
const HAVE_ON = /\b(?:have|has|had|got)\s+(?:him|her|them)\s+on\s+(?:everything|all\s+my\s+\w+|snap\w*|insta\w*|fb|facebook|tiktok|social(?:\s+media)?|whatsapp|my\s+(?:snap|insta|fb|facebook|tiktok|socials))\b/i;
/** A pupil finding a member of staff's account ("found my personal Insta", "found Mr Parry's TikTok"): an attempt at contact. */
const FOUND_ACCOUNT = /\bfound\s+(?:me|my|(?:mr|mrs|miss|ms|sir)\s+\w+'s|(?:our|the|a|my)\s+(?:\w+\s+)?(?:teacher|colleague|ta|head)'s)\s+(?:\w+\s+){0,2}?(?:on\s+)?(?:snap\w*|insta\w*|tiktok|fb|facebook|twitter|account|profile|page)\b/i;
/** How not to be found (7.6.18: the name used on personal accounts), asked about a pupil who found one. */
const HARDER_TO_FIND = /\b(?:harder|less\s+likely|less\s+easy|more\s+difficult)\b(?:\s+\S+){0,6}?\s+(?:to\s+)?find\b|\bmake\s+(?:myself|me|it|that|this)\s+(?:harder|less\s+likely|less\s+easy|more\s+difficult)\b|\bstop\s+(?:that|this|it|them|him|her|pupils|kids)\s+(?:from\s+)?(?:happening|finding)\b/i;
const NAME_ON_ACCOUNTS = '7.6.18';
/** Contact told in the question ("followed me", "a friend req", "commenting on every video"): that is what leads, not the name. */
const CONTACT_TOLD = /\b(?:follow(?:s|ed|ing)?|request(?:s|ed)?|req|friend(?:ed|s)?|comment(?:s|ed|ing)?|accept(?:ed)?|asked\s+for|message(?:s|d)?|dm(?:s|ed|'d)?)\b/i;
/**
 * The name on the asker's accounts asked about ("my insta's under my full name", "my username is basically
 * my surname", "what am I meant to call myself on there"): 7.6.18, when no pupil is adding the asker.
 */
const NAME_ASKED = /\b(?:under|with|using|in|as)\s+my\s+(?:real|full|actual|proper|married|maiden|own|professional|school|work)\s+name\b|\bmy\s+(?:\w+\s+)?(?:display\s*|user\s*|profile\s+|account\s+)names?\b|\bchange\s+(?:my|the)\s+(?:\w+\s+)?name\b|\bcall\s+myself\b|\bsame\s+name\s+(?:as\s+)?(?:the\s+)?(?:kids|pupils|students|children)\b|\bname\s+(?:the\s+)?(?:kids|pupils|students|children)\s+(?:use|call\s+me)\b|\bmy\s+(?:real|full)\s+name\b|\bmy\s+first\s+and\s+(?:last|sur)\s*name\b|\bmy\s+surname\b/i;
/** A child by age: "a 15 year old from our school", "a 12yo", "he's only 8". */
const CHILD_AGE = /\b(?:[4-9]|1[0-7])\s*(?:-|\s)?(?:year|yr)s?(?:-|\s)?old\b|\b(?:[4-9]|1[0-7])\s*yo\b|\b(?:he's|she's|is)\s+(?:only|just)\s+(?:[4-9]|1[0-7])(?=\s*(?:$|[,.!?;)]|but\b|and\b|so\b|years?\b|yrs?\b))/i;
/** The school's front desk: "phoned reception", "at reception". */
const RECEPTION_DESK = /\b(?:phoned|rang|rung|called|calling|ringing|emailed|at|to|from|via)\s+(?:the\s+)?(?:school\s+|main\s+|front\s+)?reception\b(?!\s+(?:class|classes|children|kids|pupils|year|teacher))/i;
const SIXTH_FORM = /\bsixth[- ]form(?:ers?)?\b/i;
/** The school's page or account, where moderating a comment (7.7) governs. */
const SCHOOL_PAGE = /\b(?:school|schl|sch|skl|skool|our|official|trust)(?:'s)?\s+(?:(?:own|official|facebook|fb|insta|instagram|twitter|tiktok|x)\s+)?(?:page|account|feed|post|fb|facebook|insta|instagram|twitter|tiktok|x)\b|\bpage\s+admin\b|\bour\s+(?:[\w']+\s+){0,4}?(?:post|page)\b|\b(?:school|schl|skool|trust)(?:['’]s)?\s+(?:own\s+)?(?:(?!(?:on|in|at|via|through|and|or|is|was|are|were|to|from|with|about|posting|posted|said|says)\b)[\w-]+\s+){0,2}?(?:page|account|feed|post|tweet|reel|story|channel|fb|facebook|insta|instagram|twitter|tiktok|youtube)\b|\b(?:school|our)(?:['’]s)?\s+(?:(?!(?:on|in|at|via|through|and|or|is|was|to|from|with|about)\b)[\w-]+\s+){0,2}?tweets?\b|\bsixth\s+form\s+(?:insta\w*|fb|facebook|twitter|tiktok|page|account)\b|\b(?:alumni|pta|department|dept|club['’]s)\s+(?:fb\s+|facebook\s+|insta\s+)?(?:page|account)\b/i;
/** The school's page named to rule it out ("not on the school page", "nothing to do with our page"): read without it. */
/** The platforms a school page is on, as NOT_SCHOOL_PAGE names them. */
const PAGE_PLATFORMS = 'facebook|fb|insta|instagram|twitter|tiktok|x';
const NOT_SCHOOL_PAGE = new RegExp(
  String.raw`\b(?:not|isn'?t|wasn'?t|aren'?t|never|nothing\s+to\s+do\s+with|rather\s+than|instead\s+of|outside)\s+(?:(?:on|in|from|under|with|of)\s+)?(?:(?:the|a|any|one\s+of)\s+)?` +
    String.raw`(?:(?:school|schl|sch|skl|skool|official|trust)(?:'s)?\s+|our\s+(?:school(?:'s)?\s+)?)(?:(?:own|official|public|main|${PAGE_PLATFORMS})\s+)?(?:page|account|feed|post|${PAGE_PLATFORMS})s?\b`,
  'gi',
);
/** SCHOOL_PAGE, where the question does not name the school's page only to rule it out. */
function onSchoolPage(question: string): boolean {
  return SCHOOL_PAGE.test(question.replace(NOT_SCHOOL_PAGE, ' '));
}
/**
 * The asker asking whether they may do it: their own conduct (4.1, 5.5, 7.6.2), not a report ("should I say
 * something to someone", "should I step in"), a sanction for the one abusing ("can we exclude him"), nor
 * moderating abuse (deleting, hiding, blocking).
 */
const OWN_CONDUCT = /\b(?:can|could|may|should|shall)\s+(?:i|we)\s+(?!(?:just\s+)?(?:do|report|tell|contact|flag|escalate|go|ask|delete|remove|hide|block|screenshot|handle|deal|intervene|step\s+in|exclude|sanction|punish|discipline|suspend|confiscate|speak\s+up|raise\s+(?:it|this|that)|mention\s+(?:it|this|that)\s+to|say\s+(?:something|anything)\s+to\s+(?:someone|somebody|anyone|anybody|the|my|our|a|an|slt|sl|dsl)\b)\b)|\b(?:is it|it's|its)\s+(?:ok|okay|alright|fine|allowed)\b|\bam i allowed\b|\bwhat happens (?:to me )?if i\b|\bif\s+i\s+(?:sent|send|post|posted|said|say|wrote|write|shared|share|put)\b/i;
/**
 * The asker (or a colleague) answering back to the one abusing them: "reply to the mum and tell her
 * exactly what I think", "post back at the dad and name and shame him", "replied angrily to a parent
 * who'd insulted her", "put them straight", "give 'em a piece of me mind". The reply is the staff member's own conduct (7.6.2, or
 * 7.6.3 when it judges or names the person or their child); the abuse is still reported (7.6.7).
 */
const REPLY_BACK = /\b(?:repl(?:y|ies|ied|ying)|respond(?:s|ed|ing)?|answer(?:s|ed|ing)?\s+back|post(?:s|ed|ing)?\s+back|hit(?:s|ting)?\s+back|comment(?:s|ed|ing)?\s+back|(?:dm|message|text)\s+(?:the|that|this)\s+(?:parent|mum|dad|woman|man|person)|(?:give|giving|gave)\s+(?:her|him|them|['’]?em)\s+a\s+piece\s+of\s+(?:my|me)\s+mind)\b/i;
/**
 * Answering back in kind: "tell them exactly what I think", "put her in her place", "give her a taste
 * of her own medicine", "replied angrily", "give him both barrels" (7.6.2: professional and
 * respectful, never aggressive or insulting).
 */
const REPLY_HOSTILE = /\btell(?:ing)?\s+(?:her|him|them)\s+(?:exactly\s+)?what\s+i\s+think\b|\b(?:put|putting)\s+(?:her|him|them)\s+in\s+(?:her|his|their)\s+place\b|\b(?:give|giving|gave)\s+(?:her|him|them|['’]?em)\s+a\s+(?:taste|piece)\s+of\b|\b(?:repl(?:y|ies|ied|ying)|respond(?:s|ed|ing)?)\s+angrily\b|\bangry\s+(?:reply|response)\b|\b(?:hit|post)\s+back\s+at\b|\bboth\s+barrels\b/i;
/** The reply judges or names the person, or speaks of their child: personal comments (7.6.3). */
const REPLY_JUDGES = /\bname\s+and\s+shame\b|\bwhat\s+i\s+think\s+of\s+(?:her|him|them)\b|\b(?:put|putting)\s+(?:her|him|them)\s+(?:straight|right)\s+about\s+(?:her|his|their)\s+(?:kid|son|daughter|child|boy|girl)'?s?\b/i;
/**
 * What the asker means to post judges or exposes the person, wherever it is posted ("post on my own
 * page what her son's really like", "post his address in the village group", "name and shame her",
 * "call the parent who complained a liar", "post a reply calling the parent a liar", "slag her off back",
 * "put her straight", "a few home truths"): personal
 * comments (7.6.3) first, as the first-look writers label it, though no reply is named. A question
 * that names reporting ("don't tell me to report it") keeps the report first.
 */
const JUDGING_WORDS = String.raw`\bname\s+and\s+shame\b(?!['’"]?\s+(?:me|us)\b)|\bhome\s+truths\b|\bwhat\s+(?:she|he|they)(?:['’]s|['’]re|\s+is|\s+are)\s+really\s+like\b|\bwhat\s+(?:her|his|their)\s+(?:kid|son|daughter|child|boy|girl|lad)(?:['’]s|\s+is)\s+(?:really\s+)?like\b|\b(?:post|posting|share|sharing|put|putting|publish|publishing)\s+(?:up\s+)?(?:her|his|their)\s+(?:home\s+)?address\b|\bslag\s+(?:her|him|them|['’]?em)\s+off\b|\b(?:call|(?<=\b(?:repl(?:y|ied|ies)|post(?:ed)?|comment(?:ed)?|message(?:d)?|tweet(?:ed)?)\s+(?:\w+\s+){0,2}?)calling)\s+(?:her|him|them|the\s+(?:parent|mum|dad|mother|father)(?:\s+who\s+[^.?!,]{0,40}?)?)\s+(?:a|an)\s+(?:\w+\s+)?(?:liar|clown|idiot|disgrace|bully|joke|nightmare)s?\b|\b(?:put|putting)\s+(?:her|him|them)\s+straight\b|\b(?:post|posting|put|putting|share|sharing|write|writing|publish|publishing)\s+(?:up\s+|out\s+)?(?:the\s+)?(?:real\s+|whole\s+)?truth\s+about\s+(?:her|him|them|['’]?em|the\s+(?:parent|mum|dad|family))\b`;
/** The asker (or their side) before it in the same sentence: "I'm going to …", "can I … and put her straight", not "someone shared her address, what should I do". */
const POSTS_JUDGING = new RegExp(String.raw`\b(?:i|we|im)\b[^.?!]{0,80}?(?:${JUDGING_WORDS})`, 'i');
const NAMES_REPORTING = /\breport/i;
/**
 * Hitting back ("should I clap back", "fire back"): asked while being abused, the abuse is still the
 * matter (7.6.7), not the asker's own conduct alone, as the writers mostly label it. By e-mail it is the
 * e-mail's tone (4.1.4), left to the ranking.
 */
const RETORT = /\bclap(?:s|ped|ping)?\s+back\b|\bfir(?:e|es|ed|ing)\s+back\b|\blet\s+rip\b/i;
const PROFESSIONAL = '7.6.2';
const PERSONAL_COMMENTS = '7.6.3';
/** "about a pupil", "pupil info": the pupil is what the message is about, not its other party. */
const ABOUT_PUPIL = /\b(?:about|bout|abt|regarding)\s+(?:\S+\s+){0,3}?(?:pupil|student|child|kid|y\d|year)|\b(?:pupil|student|child|kid|lad|girl|boy)(?:['’]s|s['’]?)?\s+(?:full\s+|first\s+|last\s+|own\s+)?(?:info|information|data|details|names?|records?|reports?|grades|scores|marks|needs|case|history|disclosure|safeguarding|behaviour|allerg\w*|stuff|bits|issues?|progress|attendance|results?|files?|list)\b|\b(?:which|what)\s+(?:kids?|pupils?|child(?:ren)?|students?)\b|\b(?:sixth\s+form|class|school)\s+stuff\b|\b(?:list|names|spreadsheet|register)\s+of\s+(?:the\s+|all\s+the\s+)?(?:\w+\s+)?(?:kids|pupils|children|students)\b|\b(?:kids|pupils|children|students)['’]?\s+(?:[\w-]+\s+)?(?:list|names)\b|\bclass\s+lists?\b|\bupdates?\s+on\s+(?:a|the|one\s+of)\b|\bby\s+name\b|\bgave\s+(?:his|her|their)\s+names?\b|\b(?:each|every)\s+child\b/i;
/**
 * Staff as the other party ("emailed the DSL", "whatsapping the class teacher", "with the other chess
 * coaches"): a message about a pupil between staff (4.1, 5.3), not with one.
 */
const STAFF_ADDRESSEE = /\b(?:to|with|tell|send|email(?:ed|ing)?|messag(?:e|ed|ing)|text(?:ed|ing)?|whatsapp(?:ed|ing)?|forward(?:ed|ing)?\s+(?:it\s+)?to|cc(?:'d|ing)?|fire\s+(?:it\s+)?(?:to|off\s+to)|fire)\s+(?:the|my|our|a|an|her|his|another)\s+(?:other\s+)?(?:[\w-]+\s+){0,2}?(?:teach(?:e?rs?|a)|colleagues?|dsl|head(?:teacher)?s?|office|senco|exams?\s+officer|ewo|supplier|coaches|tas|staff|manager|deputy|trust|police|social\s+worker|hoy|heads?\s+of\s+year|teaching\s+partner|mat\s+cover|invigilators|peris|job\s+share|rep)\b/i;
/** A chat named for its adult members ("the department WhatsApp", "our drivers' WhatsApp", "the cleaners whatsapp"): pupils in it are what is said, not who is there. */
const ADULTS_CHAT = /\b(?:dept|department|staff|drivers['’]?|cleaners['’]?|committee|refs['’]?|referees['’]?|parents['’]?|mums['’]?|family|works|office|slt|governors['’]?|coaches['’]?|team)\s+(?:whatsapp|group\s+chat|chat|gc)\b/i;
/** The asker's own pictures ("liked all my photos"), unless they are of pupils. */
const OWN_IMAGES = /\bmy\s+(?:\w+\s+)?(?:photos?|pictures?|pics?|videos?|selfies?|posts?|reels?|stories)\b/i;
const OF_PUPILS = /\b(?:pupil|kid|child|student)(?:s['’]?)?\s+(?:pics?|photos?|pictures?|videos?|images?)\b|\b(?:photos?|pictures?|pics?|videos?|footage|images?|film|recording)\s+(?:\w+\s+){0,2}?(?:of|with|showing)\s+(?:\w+\s+){0,3}?(?:pupils?|students?|kids?|child|children|class|form|team|year|y\d)|\b(?:film|filming|filmed|photograph(?:ing|ed)?|record(?:ing|ed)?)\s+(?:\w+\s+){0,2}?(?:pupils?|students?|kids?|child|children|class|form|team|year|y\d)/i;
/** A pupil taking the picture ("a pupil filming a teacher") is behaviour, not an image of a pupil. */
const PUPIL_FILMING = /\b(?:pupil|student|child|kid|y\d{1,2}|year\s*\d{1,2})s?\s+(?:(?:has|have|had|is|are|was|were|been|keeps?|kept|caught|seen|started|secretly|covertly|always|keep)\s+){0,2}(?:filming|filmed|photographing|photographed|recording|recorded|taking)\b|\b(?:filmed|recorded|taken|made|photographed)\s+by\s+(?:a|an|the|some|one\s+of\s+(?:the|our|my))\s+(?:\w+\s+)?(?:pupils?|students?|kids?|child|children|y\d{1,2}s?)\b/i;
/**
 * A picture or video of a member of staff ("filming staff in corridors", "a mocking video of one of the
 * teachers", "photoshopped pics of him"), typed as said too ("a vid abt me"): not an image of pupils,
 * whoever took it.
 */
const IMAGE_OF_STAFF = /\b(?:videos?|vids?|pics?|photos?|pictures?|images?|memes?)\s+(?:\w+\s+){0,2}?with\s+(?:her|his|my)\s+face\b|\b(?:film(?:s|ed|ing)?|record(?:s|ed|ing)?|photograph(?:s|ed|ing)?)\s+(?:\w+\s+)?(?:me|staff|teachers?|colleagues?|(?:a|the|our|my)\s+(?:\w+\s+)?(?:teacher|colleague|ta|head))\b|\b(?:videos?|vids?|pics?|photos?|pictures?|footage|clips?|memes?|tiktoks?)\s+(?:\w+\s+){0,3}?(?:of|about|abt|mocking)\s+(?:me|one\s+of\s+(?:the|our|my)\s+(?:teachers|staff|colleagues|team)|(?:a|the|our|my)\s+(?:\w+\s+)?(?:teacher|colleague|ta|head|deputy)|(?:mr|mrs|miss|ms|sir)\b)/i;
/** Staff among themselves: a staff chat is 5.5's (messages between colleagues), not pictures of staff shared round by pupils. */
const STAFF_CHAT = /\bstaff\s+(?:\w+\s+)?(?:group|chat|whatsapp|gc)\b|\bjust\s+(?:teachers|staff)\b/i;
/** Made to mock a member of staff: "a Discord called 'roast Mr X'", "photoshopped pics of him", "being roasted on TikTok", "edited videos with her face on animals". */
const MOCKING_MADE = /\b(?:being|been|getting|got|gets)\s+roasted\b|\b(?:edited|photoshopped|doctored)\s+(?:\w+\s+)?(?:videos?|vids?|pics?|photos?|pictures?|images?|memes?)\s+(?:\w+\s+){0,2}?with\s+(?:her|his|my|their)\s+face\b|\broast(?:s|ed|ing)?\s+(?:mr|mrs|miss|ms|sir|him|her|me|the\s+teachers?|teachers|staff)\b|\b(?:mimick?(?:s|ed|ing)?|imitat(?:es|ed|ing)|(?:doing|did|does)\s+(?:an?\s+)?impressions?\s+of)\s+(?:me|him|her|mr|mrs|miss|ms|sir|(?:a|the|our|my)\s+(?:teacher|colleague|ta|head))\b|\bfake\s+nudes?\b|\bdeep\s*fakes?\b|\bnudes?\s+(?:\w+\s+){0,2}?(?:of|made\s+of)\s+(?:a|one\s+of|the|our|my|mr|mrs|miss|ms|him|her|me)\b|\b(?:photoshopped|doctored|edited)\s+(?:\w+\s+)?(?:pics?|photos?|pictures?|images?)\s+of\s+(?:him|her|me|mr|mrs|miss|ms|sir|(?:a|the|our|my)\s+(?:teacher|colleague|ta|head))\b/i;
/** Pictures said to have no pupils in them ("kids not in shot", "no kids in it at all"). */
const NO_PUPILS_IN = /\b(?:no|without(?:\s+any)?)\s+(?:kids|pupils|children|students)\s+(?:in\s+(?:it|them|shot|the\s+\w+)|at\s+all|visible|showing|around|about|there|anywhere|in\s+sight|present)\b|\b(?:kids|pupils|children|students)\s+(?:are\s+)?not\s+in\s+(?:shot|it|them|the\s+(?:photos?|pictures?|pics?|video|frame|shot))\b|\b(?:kids|pupils|children|students)\s+(?:are\s+|kept\s+)?out\s+of\s+(?:the\s+)?(?:shot|frame|view|sight)\b|\b(?:kid|child|pupil|student)\s+(?:is\s*n['’]?t|is\s+not|wasn['’]?t|was\s+not)\s+in\s+(?:shot|it|the\s+(?:photo|picture|pic|video|frame|shot))\b|\bnone\s+of\s+the\s+(?:kids|pupils|children|students)\s+(?:are|were|is)\s+in\b|\b(?:after|once|before|b4)\s+(?:the\s+|all\s+the\s+|my\s+)?(?:kids|pupils|children|students)\s+(?:have\s+|had\s+|'ve\s+)?(?:gone|left|leave|go\s+home|went|come\s+in|came\s+in|arrive|arrived|get\s+in|got\s+in)\b|\b(?:my|the|an|our)\s+empty\s+(?:classroom|class|room|hall|staffroom|school|corridor|lab|studio|gym|sports\s+hall|library)\b|\bno\s+(?:kids|pupils|children|students)\b(?=[^.?!]*\b(?:photo|pic|picture|film|video|selfie|shot|tiktok|vlog|footage)s?\b)|\b(?:photo|pic|picture|film|video|selfie|shot|tiktok|vlog|footage)s?\b[^.?!]*\bno\s+(?:kids|pupils|children|students)\b/i;
/**
 * Pupils said not to be what is asked about ("Not pupils, not for the school: a selfie at my desk", "I'm not
 * asking about photos of pupils", "I don't mean staff photographing kids", "zero kids in frame"): a picture
 * of the premises or of staff (3.2), not of pupils. Only the few words such an aside uses may come between.
 */
const NOT_ABOUT_PUPILS = /\b(?!not\s+an?\s+(?:pupil|child|kid|student)\b)(?:not|isn['’]?t|aren['’]?t|wasn['’]?t|don['’]?t\s+mean|zero)\s+(?:(?:asking|talking|on|about|filming|photographing|posting|taking|a|an|any|of|the|school|photos?|pictures?|pics?|videos?|staff|mean|me)\s+){0,5}?(?:pupils?|kids?|children|child|students?)(?:['’]s?)?\b(?!\s+(?:can|could|might|may|will|would|should|do|are|were)\b)/i;
/** Children named only by their state ("a few of them stripped down to their vests"), with somewhere to post it. */
const UNDRESSED = /\b(?:stripped|undressed)\b(?:\s+\w+){0,2}\s+(?:to\s+)?their\b|\b(?:down\s+to|in)\s+(?:just\s+)?their\s+(?:vests|pants|underwear|swimwear|swimming\s+costumes|cossies|costumes|pyjamas|nappies)\b/i;
/** A screenshot or screen recording of a video lesson or call (remote teaching): a picture of the pupil in it, though no pupil word is typed. */
const LESSON_CAPTURE = /\bscreen[- ]?(?:shot|grab|record)\w*\b[^.?!]{0,60}?\b(?:video|online|remote|live|zoom|teams|virtual)\s+(?:lessons?|class|calls?|sessions?|tutoring)\b|\b(?:video|online|remote|live|zoom|teams|virtual)\s+(?:lessons?|class|calls?|sessions?|tutoring)\b[^.?!]{0,60}?\bscreen[- ]?(?:shot|grab|record)\w*\b/i;
/** Pictures of a club at school ("pics of code club", "a video of the art club"): pupils, though no pupil word is typed (not a staff club). */
const CLUB_PICTURED = /\b(?:photos?|pics?|pictures?|videos?|vids?|footage|filming|clips?)\s+(?:of|at|from)\s+(?:the\s+|our\s+|my\s+)?(?!staff\b)(?:[\w-]+\s+)?club\b(?!['’]s)/i;
/** Pupils put on the asker's feed ("the kids are in costume … I can put them on my TikTok"): pictures of them, though no picture word is typed. */
const PUPILS_PUT_ON = new RegExp(String.raw`\b(?:pupils?|students?|kids?|child(?:ren)?|class|y\d{1,2}s?|year\s*\d{1,2}s?)\b[^.?!]{0,100}?\b(?:put|putting|post|posting|share|sharing|upload|uploading|stick|sticking)\s+them\s+(?:up\s+)?on\s+(?:my|the|our|her|his|a)\s+(?:[\w'-]+\s+)?(?:tiktok|insta\w*|ig|fb|facebook|youtube|yt|story|stories|channel|socials|feed|reels?)\b`, 'i');
const SOMEWHERE_POSTED = /\b(?:insta\w*|facebook|fb|tiktok|twitter|page|website|post(?:ed|ing)?|newsletter|online|share)\b/i;
/** Words a pupil word must be near to be the one in the picture or on the other end (a sentence). */
const NEAR = 8;

/**
 * The clauses that govern safeguarding questions (issue 8, item 4): a pupil connecting (7.6.15),
 * personal communication with a (former) pupil (9.1), the press (10.1, 7.6.6), images of pupils
 * (8.1), abuse of a colleague (3.1) and unacceptable conduct online towards the asker (7.6.7).
 */
const CONNECTING = '7.6.15';
const PERSONAL = '9.1';
const PRESS_ENQUIRY = '10.1';
const PRESS_CONTACT = '7.6.6';
const IMAGES = '8.1';
const COLLEAGUE_ABUSED = '3.1';
const CONDUCT_ONLINE = '7.6.7';
/** Abuse posted on the school's own page: moderating it (7.7.2, then 7.7.1). */
const MODERATION = ['7.7.2', '7.7.1'];
export const GOVERNING_CLAUSES: ReadonlySet<string> = new Set([CONNECTING, PERSONAL, PRESS_ENQUIRY, PRESS_CONTACT, IMAGES, COLLEAGUE_ABUSED, CONDUCT_ONLINE]);
/**
 * What is asked about a topic, when it is not the governing clause's own matter: whether the police
 * are involved (7.6.12, conduct that is illegal), where to get outside help (7.2, the helpline),
 * image tagging (7.4.8), pictures taken only to keep or "as memories" (3.2, imagery for personal purposes), or watching
 * the school's page for abuse (7.5.3, monitoring and intervention).
 */
const POLICE = /\bpolice\b(?!\s+(?:visit|visits|assembly|talk|dog|officer\s+visit|liaison\s+day|open\s+day|car\s+visit))|\bbeyond\s+(?:the\s+)?school\b|\b(?:deal|dealt|handle|handled)\s+with\s+internally\b|\b(?:is|be|was)\s+(?:it\s+)?(?:illegal|a\s+crime|criminal)\b/i;
/** Someone to ring for advice about abuse ("who can she ring for advice", "anyone I can ring", "where do i go 4 advice"): the helpline (7.2). */
const RING_FOR_ADVICE = /\b(?:ring|call|phone|go\s+to|talk\s+to|speak\s+to|contact)\s+(?:\w+\s+)?for\s+(?:advice|help|support)\b|\b(?:anyone|someone)\s+(?:i|we|she|he|they)\s+can\s+(?:ring|call|phone|talk\s+to|speak\s+to)\b|\bwhere\s+(?:do|can|could|should|would|shall)\s+(?:i|we|she|he|they)\s+(?:go|get|turn|find|look)\s+(?:\w+\s+){0,2}?(?:(?:for|4)\s+)?(?:some\s+)?advice\b/i;
const OUTSIDE_HELP = /\bhelp\s*lines?\b|\b(?:outside|external|independent)\s+(?:\w+\s+)?(?:advice|help|support|organisations?|body|bodies)\b|\b(?:advice|help|support)\s+(?:\w+\s+){0,3}?outside\s+(?:of\s+)?(?:school|the\s+school|the\s+trust|work)\b|\b(?:anyone|anywhere|someone|somewhere)\s+outside\s+(?:of\s+)?(?:school|the\s+school|the\s+trust|work)\b/i;
const TAGGING = /\btag(?:s|ged|ging)?\b(?!\s+(?:me|my|her|him|them|us|the\s+school)\b)/i;
const KEEP_FOR_SELF = /(?<!\bnot\s+(?:\w+\s+)?)\b(?:(?:just|only|purely)\s+for\s+(?:me|myself)|for\s+myself|for\s+my\s+own\s+(?:memories|use|records)|for\s+(?:my|her|his|their)\s+(?:own\s+|personal\s+)+(?:\w+\s+)?(?:portfolio|scrapbook|keeping|collection)|for\s+(?:my|her|his|their)\s+(?:\w+\s+)?(?:portfolio|scrapbook))\b|(?<!\b(?:ok|okay|alright|allowed|fine|able|acceptable)\s+)\bto\s+keep\b|\bas\s+a\s+(?:memory|keepsake|souvenir)\b|\b(?:as|for|4)\s+(?:my\s+(?:own\s+)?|some\s+)?memories\b|\bso\s+(?:that\s+)?i\s+can\s+(?:practi[cs]e|learn|rehearse)\b|\bto\s+show\s+my\s+(?:husband|wife|partner|family|mum|dad|kids|children|friends|boyfriend|girlfriend)\b|\bnot\s+(?:for\s+posting|posting|going\s+(?:online|anywhere))\b/i;
/**
 * Pictures a staff member takes for family or friends ("to send to my mum", "for his nan", "to show my ref
 * mates") or of their own child at a school event ("my son's nativity", "filmed my own little boy"): their
 * own imagery on the premises (3.2) first. A parent's child ("asked me not to film her son") is not one.
 */
const OWN_KEEPSAKE = /\bto\s+(?:send|show)\s+(?:(?:it|them|this|that)\s+to\s+(?:my|her|his|their)|to\s+(?:my|her|his)|my)\s+(?:own\s+)?(?:husband|wife|partner|mum|mam|mom|dad|nan|nana|nanna|gran|granny|grandma|grandad|sister|brother|friends|mates|boyfriend|girlfriend|\w+\s+mates)\b|\bfor\s+(?:my|his|her)\s+(?:own\s+)?(?:nan|nana|nanna|gran|granny|grandma|grandad|memory\s+book)\b|\bjust\s+for\s+my\s+(?:mum|mam|mom|dad|nan|gran|family)\b|\bfor\s+my\s+own\s+(?:kid|child|son|daughter|little\s+(?:boy|girl|one))\b|\b(?:film|filmed|filming|record|recorded|recording|photograph|photographed|video|videoed)\s+my\s+(?:own\s+)?(?:son|daughter|little\s+(?:boy|girl)|kid|child|sister|brother|niece|nephew)\b|\b(?:my|her|his)\s+own\s+(?:son|daughter|kid|child|little\s+(?:boy|girl))['’]?s?\s+(?:\w+\s+)?(?:nativity|assembly|sports\s+day|concert|play|show|award|performance|race)\b|\bmy\s+(?:son|daughter|kid|child|little\s+(?:boy|girl))['’]s\s+(?:\w+\s+)?(?:nativity|assembly|sports\s+day|concert|play|show|award|performance|race)\b/i;
/** Watching the school's page for it ("is someone meant to be watching the page", "keep an eye on it"). */
const MONITORING = /\bkeep(?:s|ing)?\s+an\s+eye\s+on\b|\bwatch(?:es|ing)?\s+(?:the|our|it|this|that)\b|\bmonitor(?:s|ed|ing)?\b/i;
const POLICE_MATTER = '7.6.12';
const HELPLINE = '7.2';
const TAGGING_OFF = '7.4.8';
/** Someone else's work in the pictures or their sound ("a chart song over it", "a track ripped off Spotify", "off Google"): copyright (7.4.11). */
const COPYRIGHT = /\bcopyright\w*|\b(?:chart|pop|famous|popular|disney|commercial|chart-topping)\s+(?:song|track|music|tune|hit)s?\b|\b(?:song|track|music|soundtrack|backing\s+track)\b[^.?!]{0,40}\b(?:spotify|itunes|found\s+online|off\s+(?:the\s+)?(?:internet|google|spotify|youtube)|ripped)\b|\bripped\s+(?:it\s+|them\s+)?(?:off|from)\b|\b(?:off|from)\s+google(?:\s+images)?\b|\b(?:cartoon|disney|marvel)\s+characters?\b/i;
const COPYRIGHT_CLAUSE = '7.4.11';
const PERSONAL_IMAGERY = '3.2';
/** Clauses a topic leads with when the question asks about that matter. */
const PAGE_MONITORING = '7.5.3';
/**
 * Abuse a member of staff sends by e-mail ("one teacher sent another an email that was basically
 * threatening", "my line manager emailed the team calling me useless"): e-mails that are offensive,
 * threatening or defamatory (4.1.5), or the procedures they come under when those are asked (4.1.6).
 */
/** A member of staff, as the one who sent an e-mail (STAFF_EMAILED). */
const STAFF_SENDER = String.raw`(?:colleagues?|teachers?|tas?|head(?:teacher)?|deputy(?:\s+head)?|line\s+manager|manager|senco|hod|head\s+of\s+\w+|member\s+of\s+staff|staff\s+member|trainee|(?:mr|mrs|miss|ms)\s+\w+)\s+(?:\w+\s+){0,2}?`;
const STAFF_EMAILED = new RegExp(
  String.raw`\b${STAFF_SENDER}(?:sent|sends|sending|emailed|emails|emailing|forwarded|forwards|wrote|cc'?d)\b(?:\s+\S+){0,8}?\s+(?:e-?mails?|round|around|out|to\s+(?:everyone|all|the\s+whole))\b` +
    String.raw`|\b${STAFF_SENDER}(?:emailed|emails|emailing)\b`,
  'i',
);
const STAFF_EMAIL = '4.1.5';
const EMAIL_PROCEDURES = '4.1.6';
const WHICH_PROCEDURE = /\bwhich\s+(?:polic(?:y|ies)|procedures?)\b|\b(?:polic(?:y|ies)|procedures?)\s+(?:could|would|might|does|do|can)\s+(?:this|it|that)\s+(?:come|fall|be\s+dealt\s+with|be\s+handled)\b|\b(?:dealt\s+with|handled)\s+under\b/i;
/**
 * Abuse in staff's own messaging (a staff WhatsApp, a Teams chat, a voice note), not on social media,
 * asked as a rule ("is that allowed", "it's a private group though", "does the policy cover that"),
 * not as what to do or whom to tell: messages that are bullying or rude (5.5), or the procedures they
 * come under when those are asked (5.6). Whom to tell stays 3.1 (a colleague abused, seen).
 * STAFF_MESSAGING names the messaging GROUP_CHAT and TEAMS_APP do not: WhatsApp, a voice note, a staff chat.
 */
const STAFF_MESSAGING = /\bwhats\s*app\w*|\bwhatsap\b|\bgrp\b|\bteams\s+msgs?\b|\bvoice\s+notes?\b|\bprivate\s+(?:message|chat|group)\b|\b(?:staff|dept|department|office|team)\s+(?:\w+\s+)?chat\b/i;
const ON_SOCIAL_MEDIA = /\b(?:facebook|fb|insta\w*|tiktok|twitter|snap\w*|youtube|linkedin|discord|reddit|messenger)\b|\bpublic(?:ly)?\s+(?:page|post|account)|\bonline\b/i;
const ASKS_THE_RULE = /\b(?:is|isn['’]?t|was)\s+(?:that|it|this|there)\s+(?:\w+\s+){0,2}?(?:ok|okay|allowed|fine|a\s+breach|against|covered|banter|a\s+problem|an\s+issue|a\s+big\s+deal|a\s+disciplinary)|\bpolicy[- ]wise\b|\bbanter,?\s+or\b|\b(?:school|they|trust)\s+(?:can['’]?t|cannot)\s+(?:say|do)\s+(?:anything|nothing|owt)\b|\bdoes\s+the\s+policy\b|\bwhat\s+does\s+the\s+policy\s+(?:actually\s+)?say\b|\bcovered\s+by\b|\bdoes\s+(?:the\s+)?(?:policy|it|that|this)\s+(?:even\s+|actually\s+)?(?:cover|reach|apply|count)|\bagainst\s+(?:the\s+)?(?:rules|policy)\b|\bbreach\b|\bprivate\s+(?:group|chat|whatsapp)\b[^?.]*\b(?:so|though|tho)\b|\b(?:it['’]?s|its)\s+(?:a\s+)?private\b|\bdisc?iplinary\b|\bwhich\s+(?:rule|polic|part)|\bwhat\s+does\s+the\s+policy\s+say\b|\ballowed\b|\bland\s+(?:him|her|them|me)\s+in\b|\bwhat\s+could\s+(?:actually\s+)?happen\b|\bis\s+there\s+(?:actually\s+)?a\s+rule\b|\bwhere\s+do\s+i\s+stand\b/i;
const ASKS_WHAT_TO_DO = /\bwho\s+(?:do|should|am|does|must|would)\b|\bwho\s+(?:to|i)\s+(?:tell|report)\b|\b(?:tell|report(?:\s+it)?\s+to)\s+(?:some|any)(?:one|1|body)\b|\bdo\s+i\s+(?:have\s+to|need\s+to|hv\s+to)\s+(?:do|report|say|tell|act|pass)|\bwhat\s+(?:do|should|am)\s+i\b|\bmy\s+(?:duty|part|responsibility|place|business)\b|\bshould\s+i\s+(?:report|tell|say|do|flag)|\bam\s+i\s+(?:meant|supposed)\b|\bon\s+me\b|\bwhat['’]?s\s+expected\b|\bsay\s+(?:smth|something|somethin|sumthin)\b|\bwhat\s+(?:now|next)\b/i;
/** What follows for the one who sent them: the procedures ("is that a disciplinary thing", "what could happen to them"). */
const WHAT_FOLLOWS = /\bdisc?iplinary\b|\b(?:what|wot|wat)\s+(?:could|would|will|happens|might)\s+(?:actually\s+)?(?:happen\b|to\b|if\b)/i;
/** A parent as the one talked about in staff's messages ("slagging off a parent by name", "a meme mocking a parent's accent"), not the sender. */
const PARENT_TARGET = /\b(?:about|off|mocking|mock|at|calling|called|insulting|moan(?:ing)?\s+about|vent\s+about|rant\s+about)\s+(?:a|the|one\s+of\s+the|our|that|this)\s+(?:\w+\s+)?(?:parent|mum|dad|carer)(?:s|['’]s)?\b|\b(?:parent|mum|dad)\s+by\s+name\b/i;
/** The asker as the one who wrote it ("I sent a rude WhatsApp about the head", "I joined in with a few choice words"): their own messages (5.5). */
const ASKER_SENT = /\bi\s+(?:\w+\s+){0,2}?(?:sent|called|joined\s+in|chipped\s+in|replied|slagged|wrote|messaged|whatsapped|vented|moaned|ranted)\b/i;
const MESSAGES_RULE = '5.5';
const MESSAGES_PROCEDURES = '5.6';
const OFFICIAL_CONTACT = '1.7';
const ASPECTS = [POLICE_MATTER, HELPLINE, TAGGING_OFF, PERSONAL_IMAGERY, PAGE_MONITORING];
// STAFF_EMAIL, EMAIL_PROCEDURES, MESSAGES_RULE, MESSAGES_PROCEDURES, OFFICIAL_CONTACT and COPYRIGHT_CLAUSE lead only where a
// topic holds: they are not in SAFEGUARDING_CLAUSES, so the re-ranker keeps its say among e-mail clauses and scope (1.7) elsewhere.

function aspectOf(topic: SafeguardingTopic, question: string): string | undefined {
  if (OUTSIDE_HELP.test(question) || (topic.id === 'staff-abuse' && RING_FOR_ADVICE.test(question))) return HELPLINE;
  if (topic.id === 'staff-abuse' && POLICE.test(question)) return POLICE_MATTER;
  if (topic.id === 'staff-abuse' && MONITORING.test(question) && onSchoolPage(question)) return PAGE_MONITORING;
  if (topic.id === 'staff-abuse' && STAFF_EMAILED.test(question) && !PARENT_TYPED.test(question)) return WHICH_PROCEDURE.test(question) ? EMAIL_PROCEDURES : STAFF_EMAIL;
  if (topic.id === 'staff-abuse' && (STAFF_MESSAGING.test(question) || GROUP_CHAT.test(question) || TEAMS_APP.test(question)) && !ON_SOCIAL_MEDIA.test(question) && (((!PARENT_TYPED.test(question) || PARENT_TARGET.test(question)) && ASKS_THE_RULE.test(question) && !ASKS_WHAT_TO_DO.test(question)) || ASKER_SENT.test(question))) {
    return WHICH_PROCEDURE.test(question) || WHAT_FOLLOWS.test(question) ? MESSAGES_PROCEDURES : MESSAGES_RULE;
  }
  if (topic.id === 'pupil-contact' && OFFICIAL_MEANS.test(question) && !PERSONAL_ACCOUNT.test(question)) return OFFICIAL_CONTACT;
  if (topic.id === 'pupil-images' && COPYRIGHT.test(question)) return COPYRIGHT_CLAUSE;
  if (topic.id === 'pupil-images' && TAGGING.test(question)) return TAGGING_OFF;
  if (topic.id === 'pupil-images' && (KEEP_FOR_SELF.test(question) || OWN_KEEPSAKE.test(question))) return PERSONAL_IMAGERY;
  return undefined;
}

/**
 * A safeguarding answer shows its topic's other half (3.1 beside 7.6.7, 9.1 beside 7.6.15, 7.6.6 beside
 * 10.1) among the first three, as answer (answerer.ts) and as choice (decision.ts, with every governing
 * clause the answer shows): unless all of `items` are among the first `n` of `list` already, they take
 * its last places there, the rest keeping their order, and any other copy of them is dropped.
 */
export function withCompanions<T>(list: readonly T[], items: readonly T[], n: number, same: (x: T, item: T) => boolean): T[] {
  const isItem = (x: T) => items.some((item) => same(x, item));
  if (items.every((item) => list.slice(0, n).some((x) => same(x, item)))) return [...list];
  const rest = list.filter((x) => !isItem(x));
  const at = Math.min(n - items.length, rest.length);
  return [...rest.slice(0, at), ...items, ...rest.slice(at)];
}

/** The topic's other governing clause, beside the one that leads (the topic's order says which first). */
export const companionOf = (topic: SafeguardingTopic, lead: string): string | undefined => topic.clauses.find((id) => id !== lead && GOVERNING_CLAUSES.has(id));

/** Every clause a safeguarding topic may lead with: the governing ones, the school page's moderation, and a matter asked about (aspectOf). */
export const SAFEGUARDING_CLAUSES: ReadonlySet<string> = new Set([...GOVERNING_CLAUSES, ...MODERATION, ...ASPECTS]);

export interface SafeguardingTopic {
  id: 'pupil-contact' | 'press' | 'pupil-images' | 'staff-abuse';
  /** Clauses any of which may lead, the one to lead with when none governs first. */
  clauses: string[];
}

export interface Ideas {
  has(idea: Idea): boolean;
  /** Whether the idea is there in a unit other than those typed as `surfaces`. */
  hasExcept(idea: Idea, ...surfaces: string[]): boolean;
  /** Whether the idea was typed (not only reached through the vocabulary: "text me" -> connect). */
  typedHas(idea: Idea): boolean;
  /** Whether two ideas occur within `span` units of each other. */
  near(a: Idea, b: Idea, span: number): boolean;
  typed(pattern: RegExp): boolean;
}

/**
 * The ideas of an analysed question: each unit's typed stems and typo corrections, and the
 * vocabulary's policy words where the typed word is staff wording ("insta", "y6", "journo").
 */
export function ideasOf(analysis: QueryAnalysis): Ideas {
  const typedBags = analysis.units.map((u) => new Set<string>([...u.own, ...u.aliasOwn, ...terms(u.surface), ...u.surface.toLowerCase().split(/\s+/)]));
  const bags = analysis.units.map((u, n) => {
    const bag = new Set(typedBags[n]);
    // Vocabulary alternatives say what staff wording means; beside a policy word of its own they are looser.
    if (u.kind === 'phrase' && (u.own.length === 0 || u.surface.includes(' '))) for (const t of u.alternatives.flat()) bag.add(t);
    return bag;
  });
  const meets = (bag: Set<string>, i: Idea) => {
    for (const s of i) if (bag.has(s)) return true;
    return false;
  };
  // Units where each idea occurs, worked out once per idea: the topics ask about the same ideas many times.
  const found = new Map<Idea, number[]>();
  const at = (i: Idea): number[] => {
    let units = found.get(i);
    if (!units) {
      units = [];
      for (let n = 0; n < bags.length; n++) if (meets(bags[n], i)) units.push(n);
      found.set(i, units);
    }
    return units;
  };
  return {
    has: (i) => at(i).length > 0,
    hasExcept: (i, ...surfaces) => at(i).some((n) => !surfaces.includes(analysis.units[n].surface.toLowerCase())),
    typedHas: (i) => typedBags.some((b) => meets(b, i)),
    near: (a, b, span) => at(a).some((x) => at(b).some((y) => Math.abs(x - y) <= span)),
    typed: (p) => analysis.units.some((u) => u.surface.toLowerCase().split(/\s+/).some((w) => p.test(w))),
  };
}

/** "Under the Eid post", "on our post": a post, not The Post (a newspaper the vocabulary knows). */
const POST_ITSELF = /\b(?:under|on|in|of|below|beneath|onto|to|about|re|shared?|liked?|deleted?|removed?|reported?|get|got|take|took|see|saw|seen|screenshot\w*|hide|hid)\s+(?:the|our|this|that|a|my|his|her|their)\s+(?:[\w'-]+\s+){0,3}?posts?\b|\bthe\s+posts?\s+(?:on|under|about|from)\b/i;
/** An interview that is no press's: for a job, a college place, an admission, a disciplinary, a careers fair. */
const NOT_PRESS_INTERVIEW = /\b(?:job|college|uni|university|sixth[- ]form|admissions?|school|mock|exit|return[- ]to[- ]work|disciplinary|investigation|investigatory|grievance|safeguarding|apprenticeship|placement|scholarship|oxbridge|medicine|panel)\s+interviews?\b|\binterviews?\s+(?:panel|day|practice|prep|questions|for\s+(?:a|the|his|her|their|my)\s+(?:job|place|post|course|apprenticeship))\b|\binterview(?:ing|ed)?\s+(?:candidates|applicants)\b/i;
/** The asker's or the school's own podcast ("my podcast", "the school podcast", "the podcast's YouTube"), not a media outlet. */
const OWN_PODCAST = /\b(?:my|our|the)\s+(?:(?:own|school|school's|new|class|department|dept|sixth\s+form|student)\s+)*podcasts?\b(?!\s+(?:host|presenter|producer|team)\s+(?:from|at)\b)|\bpodcasts?\s+(?:account|insta\w*|discord|youtube|yt|episodes?|ep|socials|art|artwork|files|page|launch|clips?|kids|feed|channel|co-?host)\b|\bpodcast['’]s\b/i;
/** Newspapers' names the vocabulary knows, used for something else: a unit's surface and the use that is no newspaper. */
const NOT_A_PAPER: ReadonlyArray<readonly [string, RegExp]> = [
  // Paper as a material: the paper copy, the paper coursework folders, paying for the paper a print uses.
  ['the paper', /\bthe\s+paper\s+(?:hats?|plates?|chains?|planes?|cups?|copy|copies|version|forms?|registers?|trail|towels?|work|books?|folders?|files?|journals?|records?|diar(?:y|ies)|coursework|learning|trip|consent|sign[- ]in|tray|jam|sizes?)\b|\b(?:pay|paid|paying|pays|buy|bought|buying|supply|supplied|use|used|using|waste|wasting)\s+for\s+the\s+paper\b|\b(?:pay|paid|paying|buy|bought|buying)\s+the\s+paper\b|\bthe\s+paper\s+(?:and|or)\s+(?:ink|toner)\b/i],
  // A press for making things: a heat press, a flower press.
  ['press', /\b(?:heat|trouser|flower|garlic|wine|cider|printing|t-?shirt|mug|badge)\s+press(?:es)?\b/i],
  ['the times', /\bthe\s+times\s+tables?\b|\b(?:all|at|by|most\s+of|half)\s+the\s+times\b/i],
  ['the star', /\bthe\s+star\s+(?:role|part|of|player|pupil|performer|prize|award|chart|baker|attraction|turn|jumps?)\b/i],
];
/** NOT_A_PAPER's uses, global, to cut them all from a question (made once, not per question). */
const NOT_A_PAPER_USES = NOT_A_PAPER.map(([, use]) => new RegExp(use.source, 'gi'));
/** A press photographer or film crew: pictures of pupils they want are the pictures' question (8.1) first. */
const PRESS_IMAGING = /\b(?:press|paper['’]?s?|newspaper['’]?s?|news)\s+(?:photographer|camera\s*(?:man|men|crew)|film\s+crew)\b|\bphotographer\s+(?:from|for)\s+(?:the|a)\s+(?:local\s+)?(?:paper|newspaper|news)\b/i;
/** Where a story was seen or heard: the news, a paper, a programme ("on the news", "in the local paper", "on BBC Breakfast"). */
const STORY_SOURCE = String.raw`(?:the\s+)?(?:(?:local|national|evening|daily|morning)\s+)?(?:news|papers?|newspapers?|bbc(?:\s+(?!about\b|that\b)[a-z0-9]+)?|radio(?:\s*\d)?|tv|telly)`;
/**
 * The press as where a story about someone else was seen ("saw on the news a teacher got sacked", "a head
 * in the news was suspended", "there was a piece on BBC Breakfast about…"): background to the asker's own
 * question, not the press getting in touch or being spoken to. A piece the asker is helping with ("photos for a
 * piece in the paper") is theirs, not one seen.
 */
const NEWS_TOLD = new RegExp(String.raw`\b(?:saw|seen|see|seeing|heard|hear|read|watched|watching|spotted|caught)\b(?:\s+\S+){0,4}?\s+(?:on|in)\s+${STORY_SOURCE}\b`
  + String.raw`|(?<!\bfor\s+(?:a|the)\s+)\b(?:story|stories|piece|item|article|report|case|feature|segment|headlines?|stuff|loads|lots)\s+(?:on|in)\s+${STORY_SOURCE}\b`
  + String.raw`|\b(?:teachers?|heads?|headteachers?|schools?|tas?|trusts?|academ(?:y|ies)|colleagues?|deput(?:y|ies)|friend|someone|somebody|people|staff)(?:['’]s)?(?:\s+\S+){0,3}?\s+(?:(?:was|were|been|being|got|is|are)\s+)?(?:in|on|all\s+over)\s+the\s+(?:news|papers?|local\s+paper)\b`
  + String.raw`|\b(?:after|since|with|because\s+of|following)\s+(?:all\s+)?the\s+news\s+(?:about|of|story|stories|coverage)\b|\ball\s+over\s+the\s+(?:news|papers)\b`, 'gi');
/** The asker writing for, or speaking to, the press ("write about the school in the paper", "talk to the local radio"). */
const ASKER_IN_PRESS = new RegExp(String.raw`\b(?:write|writes|writing|wrote|written|talk|talks|talking|speak|speaks|speaking|interview(?:ed|ing)?|quoted)\b[^.?!]{0,40}?\b(?:in|to|for|on)\s+${STORY_SOURCE}\b`, 'i');
/**
 * A story seen on the news (NEWS_TOLD) set aside: the units that name the press only there, and the
 * question without it, so that the press words left elsewhere decide whether the press is asked about.
 * Nothing is set aside where the press is said to get in touch (PRESS_CONTACTING), or the asker writes
 * for it or speaks to it.
 */
function withoutStory(analysis: QueryAnalysis, question: string): { units: string[]; rest: string } {
  const told = question.match(NEWS_TOLD);
  if (!told || PRESS_CONTACTING.test(question) || ASKER_IN_PRESS.test(question)) return { units: [], rest: question };
  const rest = question.replace(NEWS_TOLD, ' ');
  const within = (text: string, surface: string) => new RegExp(String.raw`(?:^|[^a-z0-9])${surface.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|[^a-z0-9])`).test(text);
  const restLower = rest.toLowerCase();
  return { units: analysis.units.map((u) => u.surface.toLowerCase()).filter((s) => told.some((t) => within(t.toLowerCase(), s)) && !within(restLower, s)), rest };
}
/** "Press send", "press the button", "when I press it": a key, not the press (unless the press is named in other words). */
const PRESS_KEY = /\bpress(?:es|ed|ing)?\s+(?:send|enter|reply|submit|delete|post|ok|print|the\s+(?:\w+\s+)?(?:button|key)|a\s+button)\b|\b(?:i|you|we|they|he|she)\s+press(?:es|ed)?\s+(?:it|them|this|that)\b/i;
/**
 * Content made about staff ("a pupil made a TikTok of me", "a fake insta pretending to be Mr P", "a
 * Year 13 posted a Snap calling...") or abuse from a pupil's brother or sister: when a pupil is in it
 * and so is abuse, the abuse is what is asked about, not contact; unless the pupil is the one adding
 * the asker ("made a fake account to add me", "followed it back", "followed my private one").
 */
const MADE_ABOUT_STAFF = /\b(?:made|make|making|posted|posting|set\s+up|setting\s+up|created|creating|started|put)\b(?:\s+\S+){0,5}?\s+(?:memes?|fake|tiktoks?|videos?|vids?|clips?|snaps?|posts?|accounts?|insta\w*|pages?|groups?|servers?|stor(?:y|ies))\b|\b(?:fake|spoof|parody)\s+(?:\w+\s+)?(?:accounts?|insta\w*|profiles?|pages?|snaps?|tiktoks?)\b|\bpretending\s+to\s+be\b/i;
/** Memes about a member of staff ("the kids' memes about my bike helmet"): made about them, as MADE_ABOUT_STAFF. */
const MEMES_ABOUT_STAFF = /\bmemes?\s+(?:about|of)\s+(?:me|my|him|her|mr|mrs|miss|ms|sir|(?:a|the|our)\s+(?:teacher|colleague|ta|head))\b/i;
const PUPIL_SIBLING_ABUSING = /\b(?:older|big|elder|grown[- ]up)\s+(?:brother|sister|sibling)s?\b|\b(?:brother|sister)\s+of\s+(?:one\s+of\s+)?(?:a|an|the|our|my)\b/i;
/** Someone adding or following the asker ("followed my private insta"), not an account "following my tutees". */
const ADDING_ASKER = /\bto\s+add\s+(?:me|staff|teachers|us)\b|\bfollow(?:s|ed|ing)?\s+(?:me|my(?!\s+(?:\w+\s+)?(?:tutees?|pupils?|students?|kids|class|y(?:ea)?r?\s*\d+s?)\b(?!\s+back)))\b|\badd(?:s|ed|ing)\s+(?:me|staff|teachers|us)\b|\bfollow(?:s|ed|ing)?\s+(?:it|them|him|her)\s+back\b|\bfriend\s+requests?\b/i;
/**
 * The press as the one getting in touch ("the Echo rang me", "a journo DM'd our insta", "someone from
 * local radio emailed"): the contact asked about is theirs, not a pupil's, whoever the story is about.
 */
const PRESS_CONTACTING = /\b(?:journalists?|reporters?|journos?|press|paper|news|radio|tv|bbc|itv|sky|echo|magazine|bloggers?|producers?|researchers?|presenters?|writers?)\b(?:\s+\S+){0,6}?\s+(?:rang|rung|rings|ringing|called|phoned|emailed|e-mailed|messaged|msged|msgd|dm['’]?d|dmed|dm['’]?ed|contacted|tweeted|tagged|got\s+in\s+touch|left\s+a\s+message|turned\s+up|screenshotted|wants?|asked|asking)\b/i;
/** A pupil named as a party: the words PUPIL_CONTACTING, PUPIL_PHONING, PUPIL_WORD and PUPIL_POSTED share. */
const PUPIL_NOUN = String.raw`(?:pupils?|students?|kids?|child|boys?|girls?|lads?|y\d{1,2}s?|yr\s*\d{1,2}s?|year\s*\d{1,2}s?)`;
/** A pupil asking for the asker's number ("a girl in my group asked for my number so she can text me"): personal communication, though "girl" is no pupil word the analysis knows. */
const PUPIL_ASKED_NUMBER = new RegExp(String.raw`\b${PUPIL_NOUN}\b(?:\s+\S+){0,6}?\s+(?:asked|asks|asking|wants?|wanted|begged|begging)\s+(?:me\s+)?(?:for\s+)?my\s+(?:personal\s+|own\s+|mobile\s+|phone\s+)*(?:number|mobile|digits)\b`, 'i');
/** Pupils and staff messaging each other ("the kids DM … and chat a bit", "dm kids from the school insta"), as OFFICIAL_MEANS's account may be used for. */
const OFFICIAL_CHAT = new RegExp(String.raw`\b${PUPIL_NOUN}\b(?:\s+\S+){0,3}?\s+(?:dm|dms|dm['’]?d|dmed|messages?|messaged|msgs?|chat|chats|chatting)\b|\b(?:dm|message|msg|chat\s+(?:to|with)|reply\s+to)\s+(?:the\s+|our\s+|my\s+)?${PUPIL_NOUN}\b`, 'i');
/** A pupil getting in touch themselves ("a pupil added me"), told before the press: two matters, the pupil's first. */
const PUPIL_CONTACTING = new RegExp(String.raw`\b${PUPIL_NOUN}\b(?:\s+\S+){0,4}?\s+(?:added|adds|followed|follows|messaged|messages|texted|texts|sent|requested|dm['’]?d|dmed|snapped|friended|asked\s+for\s+my)\b`, 'i');
/** A pupil e-mailing, ringing or writing to the asker: with PUPIL_CONTACTING, a pupil told reaching the asker. */
const PUPIL_REACHED = new RegExp(String.raw`\b${PUPIL_NOUN}\b(?:\s+\S+){0,4}?\s+(?:e-?mailed|emails|rang|rings|phoned|called|calls|rung|whatsapp(?:ed|'d)?|wrote\s+to)\b`, 'i');
/** A pupil told reaching the asker ("a pupil emailed my hotmail", "one of my y9s added me"): issue 8's rule leads it with the topic. */
export const pupilReachedAsker = (question: string): boolean => PUPIL_CONTACTING.test(question) || PUPIL_REACHED.test(question);
/**
 * A pupil getting in touch on the asker's own phone ("texted my personal mobile", "got my number off the
 * trip letter and keeps ringing"), on no platform but WhatsApp: personal communication (9.1) before
 * connecting on social media (7.6.15).
 */
/** The asker phoning or texting a pupil's own phone ("ring a pupil's mobile from my own phone"): personal communication (9.1). */
const ASKER_PHONING_PUPIL = /\b(?:ring|call|phone|text|whatsapp|message|facetime)(?:s|ed|ing)?\s+(?:a|the|one\s+of\s+(?:my|our|the))\s+(?:pupil|student|child|kid)(?:['’]s|s['’])?\s+(?:own\s+|personal\s+)?(?:mobile|phone|number)\b/i;
const OWN_NUMBER = /\b(?:te?xt(?:s|d|ed|ing)?|rang|rung|rings?|ringing|phon(?:e|es|ed|ing)|call(?:s|ed|ing)?|whatsapp(?:s|ed|ing)?|facetim(?:e|es|ed|ing)|messag(?:e|es|ed|ing))\s+(?:me\s+)?(?:on|at|to)?\s*my\s+(?:own\s+|personal\s+|private\s+|home\s+)*(?:mobile|phone|number|cell)\b|\b(?:got|get|gets|getting|has|had|found|have)\s+(?:hold\s+of\s+)?my\s+(?:own\s+|personal\s+|private\s+|home\s+)*(?:mobile\s+|phone\s+)?number\b/i;
/** A platform named to rule it out ("not social media, just texts"). */
const NOT_A_PLATFORM = new RegExp(String.raw`\b(?:not|isn['’]?t|wasn['’]?t|never)\s+(?:on\s+|via\s+|through\s+|over\s+)?(?:any\s+)?${PLATFORM}\b`, 'gi');
/**
 * Social media named only as what the asker compares the texts with ("is that a social media thing or
 * something else", "does that count as connecting on social media", "report it the same way as a pupil
 * adding me on social media", "like a social media request"): no platform the pupil used. Read without it, as
 * NOT_A_PLATFORM is. "Like" only as a comparison: "I'd like to add her on insta" names one; and as a kind
 * of thing only social media itself: "a snapchat request" is one the pupil sent.
 */
const SOCIAL_MEDIA = String.raw`(?:social\s+media|socials)`;
const PLATFORM_COMPARED = new RegExp(String.raw`\b(?:counts?\s+as|counted\s+as|the\s+same\s+(?:as|way\s+as)|same\s+as|like(?=\s+(?:a|an|the|on|with)\b)|as\s+if)\s+(?:[\w'’-]+\s+){0,8}?${PLATFORM}\b|\b${SOCIAL_MEDIA}\s+(?:thing|rule|bit|one|connection|request|section|clause|contact)s?\b|\b(?:is|does)\s+(?:that|this|it)\s+(?:count\s+as\s+)?(?:a\s+|one\s+of\s+the\s+)?${SOCIAL_MEDIA}\b`, 'gi');
const OTHER_PLATFORM = new RegExp(String.raw`\b(?!whatsapp\b)${PLATFORM}(?:\s+(?:page|account|profile|dms?))?\b`, 'i');
/** The pupil as the one phoning ("a Y5 lad rang my mobile"), not a parent in the same question ("a year 4 mum rang my mobile"). */
const PUPIL_PHONING = new RegExp(String.raw`\b(?:${PUPIL_NOUN}|tutees?)\b(?:\s+(?!(?:mum|mums|mum's|dad|dads|dad's|mother|father|parents?|carers?|gran|nan|grandma|grandad|auntie|aunt|uncle)\b)\S+){0,8}?\s+(?:text(?:s|ed)?|rang|rings|phoned|phones|called|calls|keeps\s+(?:texting|ringing|calling|phoning)|whatsapp(?:s|ed)|got|found|has)\b`, 'i');
/** Staff named by the class they teach ("the new Year 3 teacher", "our Y4 TA"): no pupil. */
const STAFF_BY_YEAR = /\b(?:y(?:ea)?r?\s*\d{1,2}|reception|nursery)\s+(?:class\s+)?(?:teachers?|tas?|team|lead|leader|staff|colleagues?)\b/i;
const PUPIL_WORD = new RegExp(String.raw`\b(?:${PUPIL_NOUN}|children|learners?|tutees?|sixth[- ]formers?)\b`, 'i');
/**
 * A colleague as the one connecting ("mrs k from maths sent me a friend req", "one of the teachers
 * ... sent me a Facebook friend request"): no word between names a pupil, and no pupil connects.
 */
const STAFF_CONNECTING = /\b(?:teachers?|colleagues?|tas?|staff|(?:mrs?|miss|ms)\s+\w+|headteacher|head|deputy|senco|hlta|lsa)\b(?:\s+(?!(?:pupils?|students?|kids?|child|lads?|girls?|boys?|y\d{1,2}|yr|year)\b)\S+){0,12}?\s+(?:followed|follows|added|adds|friended|requested|sent\s+me\s+(?:a\s+)?(?:fb\s+|facebook\s+|insta\s+|snap\s+)?(?:friend\s+|follow\s+)?req\w*)\b/i;
/**
 * A pupil's relative as the one connecting ("a pupil's older brother, he's 25, sent me a friend
 * request", "the older sister of a girl in my class added me"): a relative of a child at the school
 * (7.6.17), like a parent, for the ranking; not the pupil.
 */
const PUPIL_RELATIVE = /\b(?:pupil|student|kid|child|girl|boy|lad)['’]s\s+(?:older\s+|big\s+|elder\s+|grown[- ]up\s+|adult\s+)?(?:brother|sister|sibling|cousin|aunt|auntie|uncle|nan|nana|grandma|grandad|grandparent|step-?dad|step-?mum)\b|\b(?:older|big|elder|grown[- ]up|adult)\s+(?:brother|sister|sibling)\s+of\s+(?:a|an|one\s+of|the|my)\b|\b(?:y\d{1,2}|year\s*\d{1,2}|kids|pupils|students|children)(?:s['’]|['’]s|['’])\s+(?:older\s+|big\s+|elder\s+|grown[- ]up\s+|adult\s+)?(?:brothers?|sisters?|siblings?)\b|\b\d{1,2}[- ]year[- ]old\s+(?:brother|sister)\b|\b(?:has|have|had|got|with)\s+(?:a|an|her|his|their|two)\s+(?:little\s+|young\s+)?(?:kids?|little\s+ones?|lad|son|daughter|boy|girl|child|children)\s+(?:in|at|here|starting|who\s+(?:is|goes))\b|\bmy\s+(?:sister-in-law|brother-in-law|cousin|friend|mate|neighbour|running\s+buddy)['’]s\s+(?:little\s+)?(?:lad|son|daughter|boy|girl|kid|child|little\s+one)\b/i;
/** A picture that is an account's face ("an account with a Year 4 boy's name and photo", "her profile pic"): no image of pupils asked about. */
const PROFILE_PICTURE = /\bprofile\s+(?:pic(?:ture)?|photo|image)s?\b|\b(?:account|profile|page)\s+with\s+(?:(?:a|an|his|her|their)\s+)?(?:[\w'’]+\s+){0,6}?(?:pic(?:ture)?|photo|image|selfie)s?\b|\bdisplay\s+pic(?:ture)?\b|\bavatars?\b/i;
/** A staff member connecting with pupils ("follows a couple of the Year 6 girls"): that is 7.6.15 too. */
const STAFF_TO_PUPIL = /\b(?:follow(?:s|ed|ing)?|add(?:s|ed|ing)?|friend(?:s|ed|ing)?|messag(?:es|ed|ing)|dm(?:s|ed|ing)?)\s+(?:\S+\s+){0,6}?(?:pupils?|students?|kids|girls|boys|lads|y\d{1,2}s|year\s*\d{1,2}s)\b/i;
/** Pupils as the ones who made or put up the content ("a former pupil posted a video slagging off..."). */
const PUPIL_POSTED = new RegExp(String.raw`\b(?:${PUPIL_NOUN}|sixth[- ]formers?)\b(?:\s+\S+){0,4}?\s+(?:made|make|making|posted|posting|put|shared|sharing|uploaded|set\s+up|created|started|filmed)\b`, 'i');
/** A video call is a call: contact, and no picture of anyone ("video call me on Messenger", "a video call"). */
const VIDEO_CALL = /\bvideo[- ]?call(?:s|ed|ing)?\b/i;
/** A video named other than as a call ("a video of the class", "videos"): a picture after all. */
const VIDEO_NOT_CALL = /\b(?:videos?|vids?)\b(?![- ]?call)/i;
/** A photo taken ("snapped a photo", "snapped loads of pics", "snapped the dressing room"), not a snap sent. */
const SNAP_TAKEN = /\bsnapp(?:ed|ing)\s+(?:a|an|loads|some|lots|one|two|a\s+few|the|this|that|pics?|photos?|shots?|pictures?|it|them)\b/i;
/**
 * A pupil named as a current one ("a current Year 6 followed my SoundCloud", "one of my current Year 6s"), not
 * in a comparison with one ("the same as a current pupil", "the way I would if a current pupil did", "a
 * current pupil thing or a former pupil thing", "between a current pupil and an old one", "different from a current pupil").
 */
const CURRENT_PUPIL = /(?<!\b(?:not|same|as|like|than|between|would\s+if|with|different\s+(?:from|to))\s+)\b(?:a|an|one\s+of\s+(?:my|our)|my|our)\s+current\s+(?:[\w-]+\s+)?(?:pupils?|students?|y\d{1,2}s?|year\s*\d{1,2}s?|kids?|sixth[- ]formers?|learners?)\b(?!\s+(?:thing|rule|one|or|and)\b)/i;
/**
 * A pupil said to be one still, where leaving is only what is asked about ("she's still on roll till
 * August", "hasn't done her last exam", "leaves in three weeks"; not "the kids still here", a comparison). "Current" alone is no cue: "is that
 * the same as a current pupil?" asks about a former one (CURRENT_PUPIL says when it is one).
 */
const STILL_PUPIL = /\bstill\s+(?:on\s+(?:the\s+)?roll|(?<!\b(?:kids|pupils|students|children|ones|those)\s+still\s+)here|at\s+(?:the|our|this)\s+school|in\s+y(?:ea)?r?\s*\d|a\s+(?:pupil|student)|our\s+(?:pupil|student))\b|\b(?:hasn['’]?t|has\s+not)\s+(?:left|finished|done\s+(?:her|his|their)\s+last)\b|\b(?:leaves|leaving)\s+(?:us\s+)?in\s+(?:a\s+few|two|three|four|\d+)\s+weeks\b|\bwho\s+leaves\s+in\b|\b(?:technically|officially)\s+(?:still\s+)?on\s+(?:the\s+|our\s+)?roll\b|\bon\s+(?:the\s+|our\s+)?roll\s+(?:until|till|til|to)\b|\bdual[- ]registered\b|\bnot\s+(?:officially|technically)\s+left\b|\b(?:stayed|staying|stays)\s+on\s+(?:in|at|for)\s+(?:our|the)\s+sixth\s+form\b|\b(?:come|came|coming)\s+back\s+(?:to|for)\s+(?:our|the)\s+sixth\s+form\b|\b(?:now\s+)?in\s+y(?:ea)?r?\s*\d{1,2}\s+here\b|\bmoved\s+(?:up\s+)?to\s+(?:the\s+)?other\s+(?:y(?:ea)?r?\s*\d{1,2}\s+)?class\s+in\s+our\s+school\b/i;
/** Put up on a platform ("put it on TikTok", "stuck it on their snap"): shared, where a pupil filmed the asker. */
const PUT_ON_PLATFORM = new RegExp(String.raw`\b(?:put|puts|putting|stuck|stick|sticks|sticking)\s+(?:it|them|this|that|the\s+(?:video|vid|clip|footage|photo|pic|picture)s?)\s+(?:up\s+)?(?:on|onto)\s+(?:(?:their|his|her|a|the)\s+)?(?:own\s+)?${PLATFORM}`, 'i');
/** A pupil filming or photographing the asker ("a Y10 filmed me", "kids recorded me"). */
const FILMED_ME = /\b(?:filmed|filming|recorded|recording|photographed|photographing|videoed)\s+me\b/i;
/** Passed round or put up: "posting clips", "it's going round on snap", "all over Snapchat". */
const SHARED_ROUND = /\b(?:post(?:s|ed|ing)?|shar(?:e|es|ed|ing)|upload(?:s|ed|ing)?|going\s+round|doing\s+the\s+rounds|all\s+over|viral)\b/i;

/** Abuse, mockery, threats, smears or impersonation, in any of the ways the cues above say them. */
/** Sexual remarks aimed at someone ("sexual comments under my pics"), not sexual health or RSE. */
const SEXUAL_REMARKS = /\b(?:sexual|sexualised|sexualized|dirty|pervy)\s+(?:comments?|messages?|remarks?|dms?|texts?|jokes?)\b/i;
/** Someone other than staff said to have done it, earlier in the same sentence: a parent, a pupil, someone, people, accounts. */
const BY_OTHERS = String.raw`\b(?:${PARENT_WORD}|${PUPIL_NOUN}|someone|somebody|people|accounts?)\b[^.?!]{0,40}?`;
/**
 * Rude or hostile messages sent to someone by a parent, a pupil or someone unnamed ("keeps sending me rude WhatsApp voice
 * notes"): abuse, though "rude" alone is not ("is it rude to"). Between colleagues they are 5.5's (messages among staff), left to the ranking.
 */
const RUDE_SENT = new RegExp(String.raw`${BY_OTHERS}\b(?:send(?:s|ing)?|sent|leav(?:es|ing)|left)\s+(?:me|her|him|them|us)\s+(?:\w+\s+)?(?:rude|offensive|aggressive|abusive|hostile)\s+(?:\w+\s+){0,2}?(?:messages?|msgs?|voice\s*notes?|texts?|dms?|comments?|voicemails?)\b`, 'i');
/**
 * The asker criticised by a parent, a pupil or people at large, or criticised online ("a parent has been
 * criticising me online", "parent criticising me on Facebook", "she keeps criticising me in the comments"):
 * criticism of staff online, as the safeguarding brief names it. Not the asker's head or mentor criticising
 * their conduct ("my head criticised me for my tweet"), nor the asker criticising others (7.6.3).
 */
const CRITICISING_ME = new RegExp(String.raw`${BY_OTHERS}\bcritici[sz](?:e|es|ed|ing)\s+me\b|\bcritici[sz](?:e|es|ed|ing)\s+me\s+(?:online|on\s+(?:\w+\s+){0,2}?(?:${PLATFORM}|page|group|whatsapp)|in\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:comments|group|post|chat))\b`, 'i');
function abusive(ideas: Ideas, question: string): boolean {
  return ideas.has(ABUSE) || MOCKERY.test(question) || GANGING_UP.test(question) || (FALSE_CLAIM.test(question) && PUBLISHED.test(question)) || NAME_CALLING.test(question)
    || IMPERSONATION.test(question) || SMEAR.test(question) || EXPOSED.test(question) || THREAT.test(question) || AGGRESSION_AT_COLLEAGUE.test(question) || MOCKING_MADE.test(question)
    || (HAVING_A_GO.test(question) && READ_BY_OTHERS.test(question)) || SEXUAL_REMARKS.test(question) || RUDE_SENT.test(question) || SACKING_CALLED.test(question) || CRITICISING_ME.test(question);
}

/**
 * Whether a press word of the question is the press. "The Post" is a newspaper; "under the Eid post" is a
 * post. Units the vocabulary reads as the press that are not: "all the time" (The Times), "pressed", a
 * job's interview, the asker's own podcast, paper hats (NOT_A_PAPER).
 */
function pressNamed(ideas: Ideas, question: string, story: readonly string[]): boolean {
  if (PRESS_KEY.test(question)) return false;
  const notPress = [...story, 'the time', 'pressed', 'pressing', 'presses', ...(NOT_PRESS_INTERVIEW.test(question) ? ['interview', 'interviews', 'interviewed', 'interviewing'] : []),
    ...(OWN_PODCAST.test(question) ? ['podcast', 'podcasts'] : []), ...NOT_A_PAPER.filter(([, p]) => p.test(question)).map(([surface]) => surface)];
  return ideas.hasExcept(PRESS, ...notPress) && (ideas.hasExcept(PRESS, 'the post', 'the posts', ...notPress) || !POST_ITSELF.test(question));
}

/** Moves the `first` topic just before `then` when both are there the other way round. */
function putBefore(out: SafeguardingTopic[], first: SafeguardingTopic['id'], then: SafeguardingTopic['id']): void {
  const from = out.findIndex((t) => t.id === first);
  const to = out.findIndex((t) => t.id === then);
  if (to >= 0 && from > to) out.splice(to, 0, ...out.splice(from, 1));
}

/**
 * The safeguarding topics a question is about. `typed` is the text analysed (instructions
 * to the bot already cut), for the few cues that are word order, not words.
 */
export function safeguardingTopics(analysis: QueryAnalysis, typed: string): SafeguardingTopic[] {
  // The readings below match typed wording: a dropped g ("kids filmin me", "postin it") reads as its -ing word.
  const question = withDroppedG(typed);
  // "Snapped a photo" is taking one, not Snapchat ("snapped me" still is): that unit names no platform.
  // Nor is a video call a video: its "video" names no picture unless a video is named besides.
  const taken = SNAP_TAKEN.test(question);
  const videoCall = VIDEO_CALL.test(question);
  const callOnly = videoCall && !VIDEO_NOT_CALL.test(question.replace(new RegExp(VIDEO_CALL.source, 'gi'), ' '));
  // Nor is a friend who is only a person or an audience ("send it to a friend", "close friends") a connection.
  const friendsOnly = /\bfriends?\b/i.test(question) && !/\bfriends?\b/i.test(question.replace(FRIEND_PERSON, ' '));
  // Nor is a meme or gif a message: the vocabulary reads it as content, whose policy words include
  // "messages", so a pupil's meme of a teacher read as the pupil messaging (one sent is SENT_ME's).
  const memes = analysis.units.some((u) => MEME.test(u.surface));
  const ideas = ideasOf(taken || callOnly || friendsOnly || memes ? { ...analysis, units: analysis.units.filter((u) => !(taken && /^snapp/i.test(u.surface)) && !(callOnly && /^video/i.test(u.surface)) && !(friendsOnly && /^(?:close\s+)?friends?$/i.test(u.surface)) && !MEME.test(u.surface)) } : analysis);
  const formerTyped = FORMER_TYPED.test(question) || FORMER_TIME.test(question);
  // Whether the question is abusive, read at most once: several readings below ask it.
  let abuseRead: boolean | undefined;
  const isAbusive = () => (abuseRead ??= abusive(ideas, question));
  const out: SafeguardingTopic[] = [];
  // "a sixth former" is a pupil, not a former one.
  // Nor is an ex-partner, or a request "left pending": a former pupil's word must be there without them.
  const formerWord = ideas.typedHas(FORMER) && (!question.match(NOT_FORMER) || /\b(?:former|ex|left)\b/i.test(question.replace(NOT_FORMER, ' ')));
  const former = (formerWord && (!SIXTH_FORM.test(question) || /\b(?:former|ex|left|used)\b/i.test(question.replace(new RegExp(SIXTH_FORM.source, 'gi'), ' ')))) || formerTyped;
  // "phoned reception" is the front desk, not the Reception class.
  const desk = RECEPTION_DESK.test(question);
  const behalf = ON_BEHALF.test(question);
  // A group chat with a pupils' group is messaging them; "group" and "team" name staff only when no pupils' group is meant.
  const groupChat = GROUP_CHAT.test(question);
  const group = PUPIL_GROUP.test(question) || (groupChat && EXAM_CLASS.test(question));
  const undressed = UNDRESSED.test(question) && SOMEWHERE_POSTED.test(question);
  const inMy = PUPIL_IN_MY.test(question);
  const askedNumber = PUPIL_ASKED_NUMBER.test(question);
  const pupil = (desk ? ideas.hasExcept(PUPIL, 'reception') : ideas.has(PUPIL)) || formerTyped || CHILD_AGE.test(question) || behalf || group || LITTLE_ONE.test(question) || undressed || askedNumber || inMy;
  // A parent asking the asker to contact their child (who has left, or on their behalf) is contact with the
  // child; so is a parent named only as the pupil's means, route or permission.
  const parentOnlyAside = PARENT_TYPED.test(question) && !PARENT_TYPED.test(question.replace(PARENT_NOT_PARTY, ' '));
  const parent = ideas.has(PARENT) && !formerTyped && !behalf && !parentOnlyAside;
  const social = ideas.has(SOCIAL);
  const messageTyped = ideas.typedHas(MESSAGE) || ideas.typed(MESSAGE_TYPED) || PERSONAL_CHANNEL.test(question) || SENT_ME.test(question) || IN_TOUCH.test(question) || videoCall;
  // "text me" reaches connect through the vocabulary; a message typed outweighs that.
  const connect = ATTEMPT.test(question) || ASKED_FOR_MINE.test(question) || HAVE_ON.test(question) || FOUND_ACCOUNT.test(question) || (ideas.near(PUPIL, CONNECT, NEAR) && (ideas.typedHas(CONNECT) || !messageTyped)) || (social && (ideas.near(PUPIL, CONNECT_ON, NEAR) || ADDS_ME.test(question) || INTERACT_ME.test(question) || PLAY_WITH.test(question) || JOIN_MINE.test(question)))
    // A child named by age, or by where the asker has them, is not a pupil word the analysis knows: connecting anywhere in the question counts.
    || ((CHILD_AGE.test(question) || behalf || group || inMy) && (ideas.typedHas(CONNECT) || (social && ideas.has(CONNECT_ON))));
  // A group chat with pupils named ("the year 11 whatsapp group", "a WhatsApp group with my Y10 cast")
  // is theirs: its "group" names no staff, only a staff word typed elsewhere does.
  const pupilsChat = groupChat && (ideas.near(PUPIL, SOCIAL, 3) || group) && ASKER_IN_CHAT.test(question) && !isAbusive();
  // "set up a WhatsApp group" reaches "official" through the vocabulary: beside a pupils' group, or a
  // chat with pupils named ("a WhatsApp group with the year 6s"), the school's channel must be said.
  // The asker's own account named ("from my own insta rather than the department account") is personal, whatever else is named.
  const official = !PERSONAL_ACCOUNT.test(question) && (group || pupilsChat ? ideas.typedHas(OFFICIAL) || TEAMS_APP.test(question) || SCHOOL_ACCOUNT.test(question) : ideas.has(OFFICIAL) && !/\bteams?\b/i.test(question) || TEAMS_APP.test(question));
  const staffParty = ideas.has(STAFF_PARTY) && !PUPIL_OBJECT.test(question) && !askedNumber
    && (!(group || pupilsChat) || STAFF_PARTY_TYPED.test(question.replace(new RegExp(PUPIL_GROUP.source, 'gi'), ' ').replace(new RegExp(GROUP_CHAT.source, 'gi'), ' ')));
  // A chat or server pupils made to abuse or mock staff ("a discord to roast Mr X") is not contact with them.
  const chatAbusing = groupChat && isAbusive();
  const message = (ideas.near(PUPIL, MESSAGE, NEAR) || ((messageTyped || (groupChat && !chatAbusing)) && pupil) || (formerTyped && (TALK_WITH.test(question) || COLLAB.test(question))))
    && !staffParty && !official && !ABOUT_PUPIL.test(question) && (!(STAFF_ADDRESSEE.test(question) || ADULTS_CHAT.test(question)) || PUPIL_CONTACTING.test(question));
  // Pupils messaging an account of the school's the asker runs ("the kids DM the club's official Insta … reply
  // from the club account"): contact through the school's own means, which aspectOf leads with (1.7).
  const viaOfficial = pupil && official && !staffParty && OFFICIAL_MEANS.test(question) && OFFICIAL_CHAT.test(question) && !isAbusive();
  // A parent in the question is usually the one connecting (7.6.17): leave those to the ranking.
  // Connecting, or messaging on a platform, is 7.6.15; a former pupil, or texts and meeting up, 9.1.
  // Abuse from someone about their own child ("threatening DMs because of something with their kid"):
  // the child is what it is about, not the other party.
  const aboutTheirChild = !behalf && new RegExp(THEIR_CHILD, 'i').test(question) && isAbusive();
  // A former pupil whose brother or sister is a pupil now, or whose own child is: a pupil's relative (7.6.17) first.
  const familyHere = former && (SIBLING_IN_SCHOOL.test(question) || CHILD_IN_SCHOOL.test(question) || PARENT_HERE.test(question));
  // A former pupil on the staff here now is a colleague first.
  const colleagueNow = former && !familyHere && STAFF_HERE_NOW.test(question);
  // Pupils' own chat where they abuse or mock staff, with the asker not in it, is abuse, not contact;
  // so is abuse, or a picture of staff, going round on an app ("a meme of her that's going round
  // Snapchat"), unless sent to the asker.
  const abuseNotContact = (chatAbusing && !ASKER_IN_CHAT.test(question)) || (GOING_ROUND.test(question) && (isAbusive() || IMAGE_OF_STAFF.test(question)) && !SENT_ME.test(question) && !ADDING_ASKER.test(question));
  // A pupil on the asker's own phone, on no platform but WhatsApp, is personal communication, a parent in the question or not.
  // Worked out only where a pupil is (most questions have none), as are the cues after it.
  const ownNumber = pupil && ((OWN_NUMBER.test(question) && !OTHER_PLATFORM.test(question.replace(NOT_A_PLATFORM, ' ').replace(PLATFORM_COMPARED, ' ')) && PUPIL_PHONING.test(question)) || ASKER_PHONING_PUPIL.test(question));
  // Staff only (a colleague connecting, "the Year 3 teacher"), or a pupil's relative connecting: no pupil's contact.
  const staffOnly = () => (STAFF_BY_YEAR.test(question) && !PUPIL_WORD.test(question.replace(new RegExp(STAFF_BY_YEAR.source, 'gi'), ' ')))
    || (STAFF_CONNECTING.test(question) && !PUPIL_CONTACTING.test(question) && !STAFF_TO_PUPIL.test(question));
  const relative = () => PUPIL_RELATIVE.test(question) && !familyHere;
  // Pupils' own use of an app, with no one on the staff side ("are under 13s allowed to have snapchat
  // accounts"): a messaging app named is theirs, no contact with the asker (scope.ts).
  // Read at most once: the images topic below asks it too.
  let ownUseAsked: boolean | undefined;
  const asksOwnUse = () => (ownUseAsked ??= asksAboutPupilsOwnUse(question));
  const ownUse = () => !connect && asksOwnUse();
  if (pupil && (!parent || ownNumber) && !aboutTheirChild && !abuseNotContact && (connect || message || ownNumber || viaOfficial) && !staffOnly() && !relative() && !ownUse()) out.push(familyHere ? { id: 'pupil-contact', clauses: [RELATIVES, PERSONAL, CONNECTING] } : colleagueNow ? { id: 'pupil-contact', clauses: [COLLEAGUES_CONNECTING, PERSONAL, CONNECTING] } : HARDER_TO_FIND.test(question) || (NAME_ASKED.test(question) && !ADDING_ASKER.test(question) && !PUPIL_CONTACTING.test(question) && !CONTACT_TOLD.test(question)) ? { id: 'pupil-contact', clauses: [NAME_ON_ACCOUNTS, ...(former ? [PERSONAL, CONNECTING] : [CONNECTING, PERSONAL])] } : { id: 'pupil-contact', clauses: (connect || ideas.has(SOCIAL_FEED) || (pupilsChat && ASKER_MAKES_CHAT.test(question))) && (!former || STILL_PUPIL.test(question) || CURRENT_PUPIL.test(question)) && !ownNumber ? [CONNECTING, PERSONAL] : [PERSONAL, CONNECTING] });
  // "The paper" typed is the press, unless it is paper ("pay for the paper", "the paper register").
  // A story seen on the news is background: only press words outside it name the press.
  const story = withoutStory(analysis, question);
  const press = (ideas.has(PRESS) && pressNamed(ideas, question, story.units)) || PRESS_TYPED.test(NOT_A_PAPER_USES.reduce((text, use) => text.replace(use, ' '), story.rest));
  if (press) out.push({ id: 'press', clauses: (ABOUT_POSTS.test(question) || VIA_SOCIAL.test(question)) && !NOT_POSTS.test(question) ? [PRESS_CONTACT, PRESS_ENQUIRY] : [PRESS_ENQUIRY, PRESS_CONTACT] });
  // A picture of staff (a pupil filming a teacher, a mocking video of one) or with no pupils in it is not an image of pupils.
  const ofStaff = PUPIL_FILMING.test(question) || (IMAGE_OF_STAFF.test(question) && (!OF_PUPILS.test(question) || isAbusive()));
  // Asking only when photo day is, how photos are arranged (booking the photographer), about pupils'
  // own cameras and phones, or what the school may do to a pupil who filmed something (confiscate,
  // search, sanction) is another policy's question, not one of handling pictures of pupils; a pupil
  // shown undressed is one, whatever is asked.
  if (((ideas.near(PUPIL, IMAGE, 4) && ideas.typedHas(IMAGE)) || undressed || LESSON_CAPTURE.test(question) || PUPILS_PUT_ON.test(question) || CLUB_PICTURED.test(question)) && !ofStaff && !asksOnlyWhen(question) && !asksAboutPhotoArrangements(question) && !asksOwnUse() && (!asksAboutPupilDiscipline(question) || undressed) && !((connect || ADDING_ASKER.test(question)) && PROFILE_PICTURE.test(question)) && !NO_PUPILS_IN.test(question) && !NOT_ABOUT_PUPILS.test(question) && (!OWN_IMAGES.test(question) || OF_PUPILS.test(question))) {
    // A picture of pupils put on a messaging app is about the picture, unless someone is connecting.
    const images: SafeguardingTopic = { id: 'pupil-images', clauses: [IMAGES] };
    if (OF_PUPILS.test(question) && !connect && out[0]?.id === 'pupil-contact') out.unshift(images);
    else out.push(images);
  }
  const byEmail = /\be-?mail/i.test(question);
  const askerNamed = ASKER_NAMED.test(question) || (ASKER_SAID.test(question) && !byEmail);
  const asker = askerNamed || ASKER_TARGET.test(question) || (ON_MY_PAGE.test(question) && !ASKER_POSTS.test(question));
  // Answering back is the staff member's own conduct, asked about while being abused: the topic holds.
  const reply = REPLY_BACK.test(question);
  // Posting that judges or exposes the one abusing is answering back too, though no reply is named.
  const judging = POSTS_JUDGING.test(question) && !NAMES_REPORTING.test(question) && !byEmail;
  const replyBack = (reply && (REPLY_HOSTILE.test(question) || REPLY_JUDGES.test(question))) || judging;
  // Pictures of staff shared round by pupils are conduct towards staff.
  // A pupil filming the asker and putting it on a platform is shared round too.
  const staffImagesShared = ofStaff && (SHARED_ROUND.test(question) || (PUPIL_FILMING.test(question) && FILMED_ME.test(question) && PUT_ON_PLATFORM.test(question))) && !STAFF_CHAT.test(question);
  // Wanting to answer the abuse back ("reply to the troll and give him both barrels", "should I clap back") makes it the asker's.
  const retort = RETORT.test(question) && !byEmail;
  if ((isAbusive() || staffImagesShared) && (ideas.has(STAFF) || asker || STAFF_ROLE.test(question) || (replyBack && !byEmail)) && (replyBack || retort || !OWN_CONDUCT.test(question))) {
    // Abuse of a colleague witnessed is 3.1; of the asker, unacceptable conduct online (7.6.7).
    // A false claim, with no insult or abuse, is defamation: 7.6.7 names it, whoever is its target.
    // A claim said to be false and published is defamation whatever it calls them ("saying she is a bully - it's made up").
    const smearOnly = ((SMEAR.test(question) || FALSE_CLAIM.test(question)) && !ideas.has(ABUSE) && !MOCKERY.test(question) && !NAME_CALLING.test(question) && !GANGING_UP.test(question))
      || (FALSE_CLAIM.test(question) && PUBLISHED.test(question));
    // A colleague named only as the one advising ("my head said ignore it") or as the asker's own role
    // ("calling me a useless TA") is not the target: the asker is.
    const colleague = ideas.has(COLLEAGUE) && STAFF_TYPED.test(question.replace(NOT_TARGET, ' '));
    // The asker abused alongside a colleague ("me and a colleague are being trolled") is abused too: 7.6.7 first.
    const order = smearOnly || askerNamed || ASKER_AND_COLLEAGUE.test(question) || ((asker || replyBack || retort) && !colleague) ? [CONDUCT_ONLINE, COLLEAGUE_ABUSED] : [COLLEAGUE_ABUSED, CONDUCT_ONLINE];
    // On the school's page, moderating leads when deleting or acting swiftly is asked, and not for someone who says they are no admin.
    const admin = ADMIN_ASKER.test(question) && !NOT_ADMIN.test(question);
    const page = (onSchoolPage(question) && !NOT_ADMIN.test(question)) || admin
      || (MODERATE_ASKED.test(question) && ON_A_PAGE.test(question) && !OWN_PAGE.test(question) && question.search(NOT_SCHOOL_PAGE) < 0 && !NOT_ADMIN.test(question));
    // Answering back on the school's page is moderating it (7.7.2); elsewhere it is the reply's own conduct.
    const inKind = replyBack && !page ? (judging || REPLY_JUDGES.test(question) ? [PERSONAL_COMMENTS, PROFESSIONAL] : [PROFESSIONAL, PERSONAL_COMMENTS]) : [];
    // On the school's page, deleting and blocking (7.7.2) is what the page's abuse asks for, asked or not.
    out.push({ id: 'staff-abuse', clauses: !page ? [...inKind, ...order] : [...MODERATION, ...order] });
  }
  // When two topics meet, the one asked about leads: the press getting in touch, before a pupil in its
  // story (unless a pupil getting in touch is told first: "a pupil added me and a journalist rang" is
  // two matters); a press photographer's pictures of pupils, before the press; abuse made about staff,
  // a threat to them or names called ("accounts I'm sure are pupils, calling me names"), before the
  // pupil in it, unless the pupil is adding the asker.
  if (out.length > 1) {
    const pressFrom = question.search(PRESS_CONTACTING);
    const pupilFrom = question.search(PUPIL_CONTACTING);
    if (pressFrom >= 0 && (pupilFrom < 0 || pressFrom < pupilFrom)) putBefore(out, 'press', 'pupil-contact');
    if (PRESS_IMAGING.test(question)) putBefore(out, 'pupil-images', 'press');
    if ((MADE_ABOUT_STAFF.test(question) || MEMES_ABOUT_STAFF.test(question) || IMAGE_OF_STAFF.test(question) || PUPIL_SIBLING_ABUSING.test(question) || THREAT.test(question) || NAME_CALLING.test(question)) && !ADDING_ASKER.test(question)) {
      putBefore(out, 'staff-abuse', 'pupil-contact');
      if (PUPIL_POSTED.test(question)) putBefore(out, 'staff-abuse', 'pupil-images');
    }
    // Abuse said to be about the asker ("a pupil's been mouthing off about me on TikTok and the video's got loads of views") is what
    // is asked, before a video no one says shows pupils, and before the pupil's contact unless the pupil is adding the asker.
    if (askerNamed && !OF_PUPILS.test(question)) putBefore(out, 'staff-abuse', 'pupil-images');
    if (askerNamed && !ADDING_ASKER.test(question)) putBefore(out, 'staff-abuse', 'pupil-contact');
  }
  for (const t of out) {
    const aspect = aspectOf(t, question);
    if (aspect) t.clauses = [aspect, ...t.clauses];
  }
  return out;
}
