/**
 * The demo school: an Amsterdam primary school modelled on real schools' home-visit policies
 * (a visit per family, after the autumn break, in the late afternoon, at home or elsewhere).
 * Groups 1, 3 and 5, the language class (2T) and new pupils take part in the visit round; group 7
 * does not, so the demo shows a family that is not visited. Every name and address is invented.
 */
export const demoSchool = {
	name: 'obs De Spitsbergen (demo)',
	street: 'Spitsbergenstraat 1',
	postalCode: '1013 AA',
	city: 'Amsterdam',
	phone: '020 123 4567'
};

export interface DemoStaff {
	key: string;
	name: string;
	email: string;
	role: 'admin' | 'teacher';
	title: 'teacher' | 'intern' | 'care_coordinator' | 'director' | 'office';
}

export const demoStaff: DemoStaff[] = [
	{
		key: 'office',
		name: 'Marieke Smit',
		email: 'kantoor@spitsbergen.example',
		role: 'admin',
		title: 'office'
	},
	{
		key: 'director',
		name: 'Hans Koster',
		email: 'directie@spitsbergen.example',
		role: 'admin',
		title: 'director'
	},
	{
		key: 'ib',
		name: 'Samira Ouali',
		email: 'ib@spitsbergen.example',
		role: 'admin',
		title: 'care_coordinator'
	},
	{
		key: 'anouk',
		name: 'Anouk Visser',
		email: 'anouk.visser@spitsbergen.example',
		role: 'teacher',
		title: 'teacher'
	},
	{
		key: 'jeroen',
		name: 'Jeroen Bos',
		email: 'jeroen.bos@spitsbergen.example',
		role: 'teacher',
		title: 'teacher'
	},
	{
		key: 'fatma',
		name: 'Fatma Demir',
		email: 'fatma.demir@spitsbergen.example',
		role: 'teacher',
		title: 'teacher'
	},
	{
		key: 'lisa',
		name: 'Lisa Mulder',
		email: 'lisa.mulder@spitsbergen.example',
		role: 'teacher',
		title: 'teacher'
	},
	{
		key: 'tim',
		name: 'Tim de Groot',
		email: 'tim.degroot@spitsbergen.example',
		role: 'teacher',
		title: 'intern'
	}
];

export interface DemoGroup {
	name: string;
	year: number | null;
	isLanguageClass: boolean;
	teachers: string[];
	inRound: boolean;
	talkingPoints: string[];
}

const group1 = [
	'Kennismaken',
	'Welbevinden van uw kind',
	'De rol van ouders',
	'Vrije tijd samen',
	'Speelmateriaal thuis'
];
const group3 = [
	'Wat uw kind leert in de klas en hoe u kunt helpen',
	'Eten en drinken',
	'Bedtijd',
	'Vrije tijd'
];
const group5 = ['Huiswerk', 'Vriendjes en vriendinnetjes', 'Hobby’s en sport', 'Vrije tijd samen'];
const languageClass = [
	'Welbevinden van uw kind',
	'Samenwerken met de taalleerkracht',
	'Wat ouders doen voor de taalontwikkeling'
];

export const demoGroups: DemoGroup[] = [
	{
		name: '1A',
		year: 1,
		isLanguageClass: false,
		teachers: ['anouk'],
		inRound: true,
		talkingPoints: group1
	},
	{
		name: '1B',
		year: 1,
		isLanguageClass: false,
		teachers: ['anouk', 'tim'],
		inRound: true,
		talkingPoints: group1
	},
	{
		name: '2T',
		year: 2,
		isLanguageClass: true,
		teachers: ['fatma'],
		inRound: true,
		talkingPoints: languageClass
	},
	{
		name: '3B',
		year: 3,
		isLanguageClass: false,
		teachers: ['jeroen'],
		inRound: true,
		talkingPoints: group3
	},
	{
		name: '5A',
		year: 5,
		isLanguageClass: false,
		teachers: ['fatma'],
		inRound: true,
		talkingPoints: group5
	},
	{
		name: '7A',
		year: 7,
		isLanguageClass: false,
		teachers: ['lisa'],
		inRound: false,
		talkingPoints: []
	}
];

export interface DemoFamily {
	key: string;
	street: string;
	postalCode: string;
	language: string;
	guardians: { name: string; relation?: string; email: string | null; phone: string | null }[];
	pupils: {
		number: string;
		firstName: string;
		infix?: string;
		lastName: string;
		group: string;
		birthDate: string;
		isNew?: boolean;
	}[];
}

export const demoFamilies: DemoFamily[] = [
	{
		key: 'devries',
		street: 'Spitsbergenstraat 12',
		postalCode: '1013 AB',
		language: 'nl',
		guardians: [
			{
				name: 'Sanne de Vries',
				relation: 'moeder',
				email: 'sanne.devries@example.nl',
				phone: '0612345678'
			},
			{ name: 'Thijs de Vries', relation: 'vader', email: 'thijs.devries@example.nl', phone: null }
		],
		pupils: [
			{
				number: '10231',
				firstName: 'Noor',
				infix: 'de',
				lastName: 'Vries',
				group: '1A',
				birthDate: '2021-03-14'
			},
			{
				number: '10232',
				firstName: 'Daan',
				infix: 'de',
				lastName: 'Vries',
				group: '3B',
				birthDate: '2018-09-02'
			}
		]
	},
	{
		key: 'elamrani',
		street: 'Zeeburgerdijk 201',
		postalCode: '1093 AB',
		language: 'ar',
		guardians: [
			{
				name: 'Fatima El Amrani',
				relation: 'moeder',
				email: 'f.elamrani@example.com',
				phone: '0687654321'
			}
		],
		pupils: [
			{
				number: '10233',
				firstName: 'Yasmine',
				lastName: 'El Amrani',
				group: '1A',
				birthDate: '2020-11-22',
				isNew: true
			},
			{
				number: '10242',
				firstName: 'Ilyas',
				lastName: 'El Amrani',
				group: '3B',
				birthDate: '2018-01-12'
			}
		]
	},
	{
		key: 'yilmaz',
		street: 'Javastraat 88',
		postalCode: '1094 HK',
		language: 'tr',
		guardians: [
			{ name: 'Ayşe Yılmaz', email: 'ayse.yilmaz@example.com', phone: '0623456789' },
			{ name: 'Mehmet Yılmaz', email: null, phone: null }
		],
		pupils: [
			{
				number: '10234',
				firstName: 'Emre',
				lastName: 'Yılmaz',
				group: '3B',
				birthDate: '2018-05-07'
			}
		]
	},
	{
		key: 'kowalska',
		street: 'Celebesstraat 4-II',
		postalCode: '1094 EJ',
		language: 'pl',
		guardians: [
			{ name: 'Agnieszka Kowalska', email: 'a.kowalska@example.pl', phone: '0634567890' }
		],
		pupils: [
			{
				number: '10235',
				firstName: 'Zofia',
				lastName: 'Kowalska',
				group: '5A',
				birthDate: '2016-01-30'
			}
		]
	},
	{
		key: 'shevchenko',
		street: 'Insulindeweg 310',
		postalCode: '1094 LK',
		language: 'uk',
		guardians: [
			{
				name: 'Olena Shevchenko',
				relation: 'moeder',
				email: 'olena.sh@example.com',
				phone: '0645678901'
			}
		],
		pupils: [
			{
				number: '10236',
				firstName: 'Mariia',
				lastName: 'Shevchenko',
				group: '2T',
				birthDate: '2019-06-18',
				isNew: true
			}
		]
	},
	{
		key: 'vanderberg',
		street: 'Molukkenstraat 7',
		postalCode: '1095 AT',
		language: 'fr',
		guardians: [
			{ name: 'Jeroen van der Berg', email: 'jeroen@example.nl', phone: null },
			{ name: 'Émilie Dubois', email: 'emilie.dubois@example.be', phone: null }
		],
		pupils: [
			{
				number: '10237',
				firstName: 'Luca',
				infix: 'van der',
				lastName: 'Berg',
				group: '5A',
				birthDate: '2015-12-11'
			}
		]
	},
	{
		key: 'tesfay',
		street: 'Timorplein 21',
		postalCode: '1094 CC',
		language: 'ti',
		guardians: [{ name: 'Selam Tesfay', email: null, phone: '0656789012' }],
		pupils: [
			{
				number: '10238',
				firstName: 'Aman',
				lastName: 'Tesfay',
				group: '1B',
				birthDate: '2021-04-03',
				isNew: true
			}
		]
	},
	{
		key: 'bakker',
		street: 'Borneostraat 55',
		postalCode: '1094 CL',
		language: 'nl',
		guardians: [
			{ name: 'Lotte Bakker', email: 'lotte.bakker@example.nl', phone: '0667890123' },
			{ name: 'Ruben Bakker', email: 'ruben.bakker@example.nl', phone: null }
		],
		pupils: [
			{
				number: '10239',
				firstName: 'Sem',
				lastName: 'Bakker',
				group: '3B',
				birthDate: '2018-08-25'
			}
		]
	},
	{
		key: 'warsame',
		street: 'Ambonplein 3',
		postalCode: '1094 PW',
		language: 'so',
		guardians: [{ name: 'Amina Warsame', email: 'amina.w@example.com', phone: '0678901234' }],
		pupils: [
			{
				number: '10240',
				firstName: 'Hodan',
				lastName: 'Warsame',
				group: '5A',
				birthDate: '2015-10-09',
				isNew: true
			}
		]
	},
	{
		key: 'jansen',
		street: 'Sumatrastraat 140',
		postalCode: '1094 NA',
		language: 'nl',
		guardians: [{ name: 'Kim Jansen', email: 'kim.jansen@example.nl', phone: '0689012345' }],
		pupils: [
			{
				number: '10241',
				firstName: 'Milan',
				lastName: 'Jansen',
				group: '7A',
				birthDate: '2014-02-16'
			}
		]
	},
	{
		key: 'kaya',
		street: 'Madurastraat 30',
		postalCode: '1094 GJ',
		language: 'tr',
		guardians: [{ name: 'Zeynep Kaya', email: 'zeynep.kaya@example.com', phone: '0611122233' }],
		pupils: [
			{
				number: '10243',
				firstName: 'Elif',
				lastName: 'Kaya',
				group: '1B',
				birthDate: '2021-01-20'
			},
			{ number: '10244', firstName: 'Can', lastName: 'Kaya', group: '5A', birthDate: '2016-07-04' }
		]
	},
	{
		key: 'nowak',
		street: 'Balistraat 61',
		postalCode: '1094 JL',
		language: 'pl',
		guardians: [{ name: 'Piotr Nowak', email: 'piotr.nowak@example.pl', phone: '0622233344' }],
		pupils: [
			{
				number: '10245',
				firstName: 'Jakub',
				lastName: 'Nowak',
				group: '3B',
				birthDate: '2018-03-15'
			}
		]
	},
	{
		key: 'haddad',
		street: 'Soembawastraat 9',
		postalCode: '1095 VJ',
		language: 'ar',
		guardians: [
			{ name: 'Rania Haddad', email: 'rania.haddad@example.com', phone: '0633344455' },
			{ name: 'Karim Haddad', email: null, phone: '0633344466' }
		],
		pupils: [
			{
				number: '10246',
				firstName: 'Omar',
				lastName: 'Haddad',
				group: '2T',
				birthDate: '2019-09-01',
				isNew: true
			}
		]
	},
	{
		key: 'popescu',
		street: 'Lombokstraat 44',
		postalCode: '1094 AM',
		language: 'ro',
		guardians: [{ name: 'Ioana Popescu', email: 'ioana.popescu@example.com', phone: '0644455566' }],
		pupils: [
			{
				number: '10247',
				firstName: 'Ana',
				lastName: 'Popescu',
				group: '1A',
				birthDate: '2021-05-30',
				isNew: true
			}
		]
	},
	{
		key: 'petrova',
		street: 'Makassarstraat 18',
		postalCode: '1095 RR',
		language: 'bg',
		guardians: [{ name: 'Elena Petrova', email: 'elena.petrova@example.com', phone: '0655566677' }],
		pupils: [
			{
				number: '10248',
				firstName: 'Viktoria',
				lastName: 'Petrova',
				group: '5A',
				birthDate: '2016-02-11'
			}
		]
	},
	{
		key: 'garcia',
		street: 'Tidorestraat 12',
		postalCode: '1095 SE',
		language: 'es',
		guardians: [
			{ name: 'Carmen García', email: 'carmen.garcia@example.com', phone: '0666677788' },
			{ name: 'Pablo García', email: 'pablo.garcia@example.com', phone: null }
		],
		pupils: [
			{
				number: '10249',
				firstName: 'Lucía',
				lastName: 'García',
				group: '3B',
				birthDate: '2018-12-24'
			}
		]
	},
	{
		key: 'ahmadi',
		street: 'Ternatestraat 70',
		postalCode: '1094 SB',
		language: 'fa',
		guardians: [{ name: 'Maryam Ahmadi', email: null, phone: '0677788899' }],
		pupils: [
			{
				number: '10250',
				firstName: 'Sara',
				lastName: 'Ahmadi',
				group: '2T',
				birthDate: '2019-04-17',
				isNew: true
			}
		]
	},
	{
		key: 'smith',
		street: 'Obiplein 5',
		postalCode: '1094 RB',
		language: 'en',
		guardians: [{ name: 'Emma Smith', email: 'emma.smith@example.co.uk', phone: '0688899900' }],
		pupils: [
			{
				number: '10251',
				firstName: 'Oliver',
				lastName: 'Smith',
				group: '1B',
				birthDate: '2020-12-02'
			}
		]
	},
	{
		key: 'hassan',
		street: 'Celebesstraat 90',
		postalCode: '1094 EX',
		language: 'so',
		guardians: [{ name: 'Fadumo Hassan', email: 'fadumo.hassan@example.com', phone: '0699900011' }],
		pupils: [
			{
				number: '10252',
				firstName: 'Abdi',
				lastName: 'Hassan',
				group: '3B',
				birthDate: '2017-11-19'
			},
			{
				number: '10253',
				firstName: 'Ayaan',
				lastName: 'Hassan',
				group: '1A',
				birthDate: '2021-02-08'
			}
		]
	},
	{
		key: 'peters',
		street: 'Javaplein 23',
		postalCode: '1094 HW',
		language: 'nl',
		guardians: [{ name: 'Wouter Peters', email: 'wouter.peters@example.nl', phone: '0610101010' }],
		pupils: [
			{
				number: '10254',
				firstName: 'Julia',
				lastName: 'Peters',
				group: '5A',
				birthDate: '2016-05-05'
			}
		]
	},
	{
		key: 'osei',
		street: 'Pontanusstraat 101',
		postalCode: '1093 SE',
		language: 'en',
		guardians: [{ name: 'Grace Osei', email: 'grace.osei@example.com', phone: '0620202020' }],
		pupils: [
			{
				number: '10255',
				firstName: 'Kwame',
				lastName: 'Osei',
				group: '7A',
				birthDate: '2014-08-29',
				isNew: true
			}
		]
	}
];

/**
 * Published evenings in the demo round. Anouk Visser (the teacher the start banner names) has
 * none, so a newcomer can try adding times; the others have slots parents can book.
 */
export const demoSlotPatterns: {
	teacher: string;
	second?: string;
	weekdays: number[];
	startTime: string;
	endTime: string;
	travelMinutes: number;
	schoolOnly?: boolean;
}[] = [
	{ teacher: 'jeroen', weekdays: [1, 3], startTime: '15:30', endTime: '20:00', travelMinutes: 15 },
	{ teacher: 'fatma', weekdays: [2, 4], startTime: '16:00', endTime: '20:00', travelMinutes: 15 },
	{
		teacher: 'lisa',
		weekdays: [2],
		startTime: '15:00',
		endTime: '17:00',
		travelMinutes: 0,
		schoolOnly: true
	}
];

/** Places to meet that are neither home nor school, as many policies offer. */
export const demoPlaces = [
	{
		name: 'Buurthuis Het Anker',
		address: 'Celebesstraat 50, 1094 EX Amsterdam',
		accessibility: 'Ingang gelijkvloers, rolstoeltoegankelijk'
	},
	{
		name: 'OBA Javaplein (bibliotheek)',
		address: 'Javaplein 2, 1094 HW Amsterdam',
		accessibility: 'Lift aanwezig; stille ruimte op de eerste verdieping'
	}
];

/**
 * The school's interpreters: Fatma Demir, a teacher who speaks Turkish (her staff account, so the
 * visits she interprets at come into her own week); a volunteer for Arabic; and a professional
 * service that interprets by phone in many languages. Names and numbers are invented.
 */
export interface DemoInterpreter {
	key: string;
	name: string;
	kind: 'staff' | 'volunteer' | 'service';
	languages: string[];
	phone: string;
	email: string;
	/** For a colleague: the key of their staff account. */
	staff?: string;
}

export const demoInterpreters: DemoInterpreter[] = [
	{
		key: 'fatma',
		name: 'Fatma Demir',
		kind: 'staff',
		languages: ['tr'],
		phone: '06 4455 6677',
		email: '',
		staff: 'fatma'
	},
	{
		key: 'nadia',
		name: 'Nadia Bennani',
		kind: 'volunteer',
		languages: ['ar'],
		phone: '06 2233 4455',
		email: 'nadia.bennani@example.nl'
	},
	{
		key: 'tolkcentrum',
		name: 'Tolkcentrum Nederland',
		kind: 'service',
		languages: ['ar', 'tr', 'pl', 'uk', 'ti', 'so', 'fa', 'ro', 'bg', 'es', 'en', 'fr'],
		phone: '088 123 4500',
		email: 'planning@tolkcentrum.example'
	}
];

/**
 * The round before the demo round: first visits in September, finished, with answers and
 * reports, so a newcomer sees the evaluation and the report export filled in. Visits are
 * numbered per teacher: the nth visit of a teacher is on the (n / 3)th visiting day at the
 * (n % 3)th time. Every name and every word of the reports is invented.
 */
export interface DemoPastVisit {
	family: string;
	answer: 'home' | 'school' | 'neutral' | 'declined' | 'none';
	/** The school was asked to arrange an interpreter for this language … */
	interpreter?: string;
	/** … and the office arranged one of `demoInterpreters` (else the request stayed open). */
	arranged?: { interpreter: string; mode: 'in_person' | 'phone'; contactName?: string };
	/** The family brought a relative or friend to interpret. */
	ownInterpreter?: string;
	reason?: string;
	report?: {
		held: boolean;
		notHeldReason?: 'no_show' | 'cancelled_late' | 'moved';
		parents: string[];
		child?: boolean;
		siblings?: boolean;
		interpreter?: 'professional' | 'staff' | 'family' | 'other';
		interpreterName?: string;
		mainPoints: string;
		followUp?: 'care_coordinator' | 'director';
	};
}

export const demoPastRound = {
	name: 'Kennismakingsbezoeken september (demo)',
	visits: [
		{
			family: 'devries',
			answer: 'home',
			report: {
				held: true,
				parents: ['Sanne de Vries', 'Thijs de Vries'],
				child: true,
				siblings: true,
				mainPoints:
					'Daan vertelde trots over zijn crèche-tijd en zijn nieuwe fiets. Ouders willen graag meer weten over het leesproject; afgesproken dat de leerkracht informatie meegeeft.'
			}
		},
		{
			family: 'elamrani',
			answer: 'school',
			interpreter: 'ar',
			arranged: { interpreter: 'tolkcentrum', mode: 'phone', contactName: 'يوسف المنصوري' },
			reason: 'no_space',
			report: {
				held: true,
				parents: ['Fatima El Amrani'],
				interpreter: 'professional',
				interpreterName: 'يوسف المنصوري',
				mainPoints:
					'Kennismaking met moeder; Ilyas went goed in groep 3. Moeder vraagt hoe zij thuis kan helpen met lezen in het Nederlands. Tip: samen voorlezen, ook in het Arabisch.'
			}
		},
		{
			family: 'yilmaz',
			answer: 'home',
			ownInterpreter: 'tr',
			report: {
				held: true,
				parents: ['Ayşe Yılmaz'],
				child: true,
				interpreter: 'family',
				interpreterName: 'Gökhan Yılmaz (oom)',
				mainPoints:
					'Emre gaat op zaterdag naar Turkse les (Türkçe). Hij slaapt soms slecht. Vervolg afgesproken met de intern begeleider.',
				followUp: 'care_coordinator'
			}
		},
		{ family: 'bakker', answer: 'declined', reason: 'no_time' },
		{ family: 'nowak', answer: 'home' },
		{
			family: 'garcia',
			answer: 'neutral',
			reason: 'prefer_neutral',
			report: { held: false, notHeldReason: 'no_show', parents: [], mainPoints: '' }
		},
		{ family: 'hassan', answer: 'none' },
		{
			family: 'kowalska',
			answer: 'home',
			interpreter: 'pl',
			report: {
				held: true,
				parents: ['Agnieszka Kowalska'],
				child: true,
				interpreter: 'staff',
				interpreterName: 'Ewa (onderwijsassistent)',
				mainPoints:
					'Zofia mist haar vriendinnen uit Polen. Moeder zoekt een sportclub; info over de buurtsportcoach meegegeven.'
			}
		},
		{
			family: 'vanderberg',
			answer: 'home',
			report: {
				held: true,
				parents: ['Jeroen van der Berg', 'Émilie Dubois'],
				child: true,
				mainPoints:
					'Luca praat thuis Frans en Nederlands. Ouders tevreden over de overgang naar groep 5.'
			}
		},
		{ family: 'warsame', answer: 'school', interpreter: 'so', reason: 'prefer_school' },
		{ family: 'kaya', answer: 'home' },
		{ family: 'petrova', answer: 'declined', reason: 'privacy' },
		{
			family: 'peters',
			answer: 'home',
			report: {
				held: true,
				parents: ['Wouter Peters'],
				mainPoints: 'Julia heeft een nieuwe hobby: turnen. Vader vraagt naar de schoolreis.'
			}
		},
		{
			family: 'shevchenko',
			answer: 'school',
			interpreter: 'uk',
			arranged: { interpreter: 'tolkcentrum', mode: 'phone' },
			reason: 'no_space',
			report: {
				held: true,
				parents: ['Olena Shevchenko'],
				child: true,
				interpreter: 'professional',
				interpreterName: 'Tolkencentrum',
				mainPoints:
					'Mariia is sinds de zomer in Nederland. Moeder vraagt om contact met andere Oekraïense ouders.',
				followUp: 'director'
			}
		},
		{
			family: 'haddad',
			answer: 'home',
			interpreter: 'ar',
			arranged: { interpreter: 'nadia', mode: 'in_person' }
		},
		{ family: 'ahmadi', answer: 'none' },
		{
			family: 'tesfay',
			answer: 'school',
			ownInterpreter: 'ti',
			reason: 'prefer_school',
			report: {
				held: true,
				parents: ['Selam Tesfay'],
				child: true,
				interpreter: 'other',
				interpreterName: 'Buurvrouw',
				mainPoints:
					'Aman is nieuw op school. Moeder heeft geen e-mail: afspraken op papier meegeven.'
			}
		},
		{
			family: 'popescu',
			answer: 'home',
			report: {
				held: true,
				parents: ['Ioana Popescu'],
				child: true,
				mainPoints: 'Ana speelt graag buiten. Moeder vraagt naar de overblijf.'
			}
		},
		{ family: 'smith', answer: 'none' }
	] as DemoPastVisit[]
};

/**
 * Tries to reach families who had not answered. In the round before the demo round, so its
 * evaluation counts families reached after one, two and three tries (days from that round's first
 * day); in the demo round, so the list of families without an answer shows what was tried
 * (hours before the demo starts). `by` is a key of `demoStaff`.
 */
export interface DemoContactAttempt {
	round: 'past' | 'demo';
	family: string;
	by: string;
	channel: 'phone' | 'letter' | 'gate' | 'door' | 'colleague' | 'text';
	outcome:
		'no_answer' | 'will_book' | 'booked_for_them' | 'wants_school' | 'declines' | 'wrong_number';
	/** Past round: days from its first day (negative: before it). Demo round: hours before now. */
	when: number;
	note?: string;
}

export const demoContactAttempts: DemoContactAttempt[] = [
	{
		round: 'past',
		family: 'warsame',
		by: 'office',
		channel: 'phone',
		outcome: 'wants_school',
		when: -9
	},
	{
		round: 'past',
		family: 'bakker',
		by: 'office',
		channel: 'phone',
		outcome: 'no_answer',
		when: -10
	},
	{
		round: 'past',
		family: 'bakker',
		by: 'office',
		channel: 'gate',
		outcome: 'declines',
		when: -8,
		note: 'Vader heeft het druk, liever geen bezoek dit jaar.'
	},
	{
		round: 'past',
		family: 'petrova',
		by: 'office',
		channel: 'phone',
		outcome: 'wrong_number',
		when: -12
	},
	{
		round: 'past',
		family: 'petrova',
		by: 'office',
		channel: 'letter',
		outcome: 'no_answer',
		when: -10
	},
	{
		round: 'past',
		family: 'petrova',
		by: 'office',
		channel: 'door',
		outcome: 'declines',
		when: -7
	},
	{
		round: 'past',
		family: 'hassan',
		by: 'office',
		channel: 'phone',
		outcome: 'no_answer',
		when: -9
	},
	{
		round: 'past',
		family: 'hassan',
		by: 'office',
		channel: 'colleague',
		outcome: 'no_answer',
		when: 2,
		note: 'De tolk van de school kent de familie en vraagt het na.'
	},
	{
		round: 'demo',
		family: 'smith',
		by: 'office',
		channel: 'phone',
		outcome: 'no_answer',
		when: 20,
		note: 'Voicemail ingesproken.'
	},
	{
		round: 'demo',
		family: 'ahmadi',
		by: 'office',
		channel: 'phone',
		outcome: 'wrong_number',
		when: 6
	},
	{
		round: 'demo',
		family: 'peters',
		by: 'office',
		channel: 'gate',
		outcome: 'will_book',
		when: 3,
		note: 'Moeder kiest vanavond een tijd.'
	}
];
