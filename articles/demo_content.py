"""Demo content for `manage.py load_demo_content`, written for this project.

Places and people are fictional. Each article has an "ar" and an "en" version (None when it is
not written in that language), authors by slug in byline order, topics by English slug, and
`days_ago` for its publication time (negative: scheduled). Bodies use only the tags the
sanitizer keeps; links point to other demo articles in the same language or to example.org.
"""

TOPICS = [
    {
        "name_ar": "الحريات المدنية",
        "name_en": "Civic freedoms",
        "slug_ar": "الحريات-المدنية",
        "slug_en": "civic-freedoms",
    },
    {
        "name_ar": "الانتخابات",
        "name_en": "Elections",
        "slug_ar": "الانتخابات",
        "slug_en": "elections",
    },
    {
        "name_ar": "حرية الصحافة",
        "name_en": "Press freedom",
        "slug_ar": "حرية-الصحافة",
        "slug_en": "press-freedom",
    },
    {
        "name_ar": "حقوق المعتقلين",
        "name_en": "Rights of detainees",
        "slug_ar": "حقوق-المعتقلين",
        "slug_en": "detainees-rights",
    },
]

AUTHORS = [
    {
        "slug": "salma-haddad",
        "name_ar": "سلمى حدّاد",
        "name_en": "Salma Haddad",
        "role_ar": "باحثة في شؤون الفضاء المدني",
        "role_en": "Civic space researcher",
        "bio_ar": (
            "تدرس سلمى حدّاد الطرق التي ينظّم بها المواطنون أنفسهم، وكيف تستجيب لهم المؤسسات "
            "العامة. عملت ثماني سنوات مراسلةً محلية في محافظة الساحل قبل أن تنضم إلى "
            "التحالف.\n\n"
            "تشرف اليوم على عملنا في ملفَّي شفافية الميزانيات العامة وحرية الصحافة."
        ),
        "bio_en": (
            "Salma Haddad studies how citizens organise and how public institutions respond to "
            "them. She spent eight years as a local reporter in the Coastal Province before "
            "joining the coalition.\n\n"
            "She now leads our work on budget transparency and press freedom."
        ),
        "website": "https://example.org/people/salma-haddad",
    },
    {
        "slug": "karim-nasser",
        "name_ar": "كريم ناصر",
        "name_en": "Karim Nasser",
        "role_ar": "منسّق فرق مراقبة الانتخابات",
        "role_en": "Election observation coordinator",
        "bio_ar": (
            "درّب كريم ناصر أكثر من ستمئة مراقب انتخابي متطوع منذ تأسيس التحالف، وهو يؤمن بأن "
            "نزاهة الاقتراع تقوم على إجراءات دقيقة تُتَّبع في كل مركز أكثر مما تقوم على "
            "التصريحات الكبيرة. عمل من قبلُ أستاذًا للرياضيات، ولا يزال مولعًا بالجداول أكثر "
            "مما ينبغي."
        ),
        "bio_en": (
            "Karim Nasser has trained more than six hundred volunteer election observers since "
            "the coalition was founded. He believes a fair vote rests less on grand "
            "declarations than on careful procedures followed at every polling station. A "
            "former mathematics teacher, he is still a little too fond of spreadsheets."
        ),
    },
    {
        "slug": "youssef-mansour",
        "name_ar": "يوسف منصور",
        "name_en": "Youssef Mansour",
        "role_ar": "محامٍ ومنسّق المكتب القانوني",
        "role_en": "Lawyer, coordinator of the legal desk",
        "bio_ar": (
            "يوسف منصور محامٍ يدافع منذ أكثر من خمسة عشر عامًا عن أشخاص احتُجزوا بسبب تعبيرهم "
            "السلمي عن آرائهم، وينسّق المكتب القانوني للتحالف وشبكة المحامين المتطوعين.\n\n"
            "يكتب عن معايير المحاكمة العادلة وظروف الاحتجاز والحق في التجمع السلمي."
        ),
        "bio_en": (
            "Youssef Mansour is a lawyer who has defended people detained for peaceful "
            "expression for more than fifteen years. He coordinates the coalition's legal desk "
            "and its network of volunteer lawyers.\n\n"
            "He writes about fair trial standards, conditions of detention and the right of "
            "peaceful assembly."
        ),
        "website": "https://example.org/legal-desk",
    },
    {
        "slug": "nadia-rahal",
        "name_ar": "ناديا رحّال",
        "name_en": "Nadia Rahal",
        "role_ar": "مدرّبة في الأمان الرقمي",
        "role_en": "Digital safety trainer",
        "bio_ar": None,
        "bio_en": (
            "Nadia Rahal is a software engineer who trains journalists, election observers and "
            "community groups in practical digital safety. She prefers simple habits to "
            "complicated tools, and writes mainly in English."
        ),
        "website": "https://example.org/people/nadia-rahal",
    },
]

ARTICLES = [
    {
        "ar": {
            "title": "كيف تعلّمت لجنة حيّ في الريحان أن تُسمِع صوتها",
            "slug": "لجنة-حي-الزيتون",
            "summary": (
                "حوّل سكان حيّ الزيتون إغلاق مستوصفهم إلى عادة راسخة من الاجتماعات العلنية "
                "السلمية، بطريقة بسيطة يستطيع أي شارع أن يحتذي بها."
            ),
            "body": (
                "<p>حين أُغلق المستوصف الوحيد في حيّ الزيتون بمدينة الريحان في الشتاء الماضي، لم "
                "يبدأ السكان بالاحتجاج، بل بدفترٍ صغير. فطوال ثلاثة أسابيع طرق متطوعون الأبواب، "
                "وسجّلوا أسرةً أسرةً المسافةَ التي بات الناس يقطعونها للوصول إلى طبيب، وما يكلّفهم "
                "ذلك من وقت ومال.</p>"
                "<h2>من الشكوى إلى السجلّ المشترك</h2>"
                "<p>غيّر الدفتر طبيعة النقاش. فبدلًا من شكاوى متفرقة، حملت اللجنة إلى المجلس "
                "البلدي تقريرًا موجزًا موقّعًا: 212 أسرة، ومتوسط رحلة يبلغ أربعين دقيقة، وطلب واضح "
                "بإعادة فتح المستوصف أربعة أيام في الأسبوع على الأقل. تقول هبة، المعلّمة المتقاعدة "
                "التي ترأست الاجتماع الأول: «منحتنا الأرقام هدوءًا، فلم يعد بوسع أحد أن يتهمنا "
                "بالمبالغة».</p>"
                "<h3>ما الذي أحسنت اللجنة صنعه؟</h3>"
                "<ul><li>عقدت اجتماعاتها علنًا وفي موعد ثابت، ودوّنت محاضر يستطيع أي ساكن الاطلاع "
                "عليها.</li>"
                "<li>جعلت رئاسة الاجتماعات دوريةً كل شهر، كي لا يتحمل شخص واحد عبء الضغوط "
                "وحده.</li>"
                "<li>دعت أعضاء المجلس إلى الحوار بدل التشهير بهم، وشكرتهم حين لبّوا الدعوة.</li>"
                "</ul>"
                "<p>لم يتطلب شيء من ذلك إذنًا يتجاوز ما يكفله القانون أصلًا؛ فالتنظيم السلمي حقّ، "
                "وقد مارسته اللجنة بأبسط الطرق: الحديث مع الجيران وتدوين ما يقولون. ويشرح دليلنا "
                'عن <a href="/ar/articles/الحق-في-التجمع-السلمي/">الحق في التجمع السلمي</a> الأساس '
                "القانوني لذلك بتفصيل أكبر.</p>"
                "<h2>عادةٌ لا مناسبة عابرة</h2>"
                "<p>أُعيد فتح المستوصف في الربيع، ثلاثة أيام في الأسبوع حتى الآن. غير أن الثمرة "
                "الأبقى هي العادة نفسها: فما زالت اللجنة تجتمع أول سبت من كل شهر، وانتقل جدول "
                "أعمالها إلى إنارة الشوارع وخط الحافلة المدرسية، فيما يتولى شبّان الحيّ تدوين "
                "المحاضر وتعليق خلاصتها على لوحة الإعلانات.</p>"
                "<p>نادرًا ما تتصدر الحياة المدنية العناوين حين تسير على ما يرام؛ فهي لا تعدو أن "
                "تكون طاولة قابلة للطي وإبريق شاي وقائمة أسماء. ولهذا بالذات تكتسب أهميتها: "
                "فالمجتمع الذي يعرف كيف يجتمع ويدوّن ويطالب يصعب تجاهله.</p>"
            ),
            "hero_alt": (
                "رسم تجريدي: تدرّج أزرق هادئ تتخلله دوائر ضبابية وأقواس بيضاء رفيعة متحدة المركز."
            ),
            "hero_caption": "اجتماعات الحيّ: عادية ومنتظمة ومفتوحة للجميع.",
        },
        "en": {
            "title": "How a neighbourhood committee in Al-Rayhan learned to be heard",
            "slug": "how-a-neighbourhood-committee-learned-to-be-heard",
            "summary": (
                "Residents of the Olive quarter turned the closure of their clinic into a lasting, "
                "peaceful habit of public meetings. Their method is simple enough for any street "
                "to copy."
            ),
            "body": (
                "<p>When the only clinic in the Olive quarter of Al-Rayhan closed its doors last "
                "winter, residents did not start with a protest. They started with a notebook. For "
                "three weeks, volunteers knocked on doors and wrote down, family by family, how "
                "far people now travelled to see a doctor and what it cost them.</p>"
                "<h2>From complaints to a shared record</h2>"
                "<p>The notebook changed the conversation. Instead of scattered complaints, the "
                "committee brought the municipal council a short, signed report: 212 households, "
                "an average journey of forty minutes, and a clear request to reopen the clinic at "
                'least four days a week. "Numbers gave us calm," says Hiba, a retired teacher who '
                'chaired the first meeting. "Nobody could say we were exaggerating."</p>'
                "<h3>What the committee got right</h3>"
                "<ul><li>It met in public, at a fixed time, and kept minutes that any resident "
                "could read.</li>"
                "<li>It rotated the chair every month, so that no single person became the target "
                "of pressure.</li>"
                "<li>It invited council members to talk rather than denouncing them, and thanked "
                "them when they came.</li>"
                "</ul>"
                "<p>None of this required permission beyond what the law already grants. Peaceful "
                "organising is a right, and the committee used it in the most ordinary way "
                "possible: by talking to neighbours and writing things down. Our guide to "
                '<a href="/en/articles/the-right-to-gather-peacefully/">the right to gather '
                "peacefully</a> explains the legal ground in more detail.</p>"
                "<h2>A habit, not an event</h2>"
                "<p>The clinic reopened in the spring, three days a week for now. But the more "
                "lasting result is the habit itself. The committee still meets on the first "
                "Saturday of every month, and its agenda has moved on to street lighting and the "
                "school bus route. Younger residents now take the minutes and pin a summary to the "
                "quarter's noticeboard.</p>"
                "<p>Civic life rarely makes headlines when it works. It looks like a folding "
                "table, a pot of tea and a list of names. That is exactly why it matters: a "
                "community that knows how to meet, keep records and ask questions is far harder to "
                "ignore.</p>"
            ),
            "hero_alt": (
                "Abstract illustration: a soft blue gradient with blurred circles and thin white "
                "concentric arcs."
            ),
            "hero_caption": "Neighbourhood meetings: ordinary, regular and open to all.",
        },
        "hero_credit": "Coalition design desk",
        "authors": ["salma-haddad"],
        "topics": ["civic-freedoms"],
        "days_ago": 20,
        "featured": True,
    },
    {
        "ar": {
            "title": "ثمانية أسئلة لفرزٍ نزيه: دليل مراقبينا في مراكز الاقتراع",
            "slug": "ثمانية-أسئلة-لفرز-نزيه",
            "summary": (
                "يتدرّب مراقبونا المتطوعون قبل كل انتخابات على قائمة من صفحة واحدة، وننشرها هنا "
                "ليعرف الجميع كيف يبدو الفرز النزيه."
            ),
            "body": (
                "<p>نادرًا ما يكون التلاعب بالانتخابات مشهدًا صاخبًا؛ فالثقة تتآكل في الغالب بسبب "
                "تفاصيل صغيرة: صندوق اقتراع يُفتح قبل وصول المراقبين، أو محضر فرز يُملأ بقلم رصاص، "
                "أو نتيجة تُعلن قبل أن يتمكن أحد من التحقق منها. لذلك سيحمل مراقبونا في الانتخابات "
                "البلدية المقبلة قائمة من صفحة واحدة بدلًا من دليل مطوّل.</p>"
                "<h2>القائمة</h2>"
                "<ol><li>هل عُرض صندوق الاقتراع فارغًا أمام المراقبين ومندوبي المرشحين قبل بدء "
                "التصويت؟</li>"
                "<li>هل كانت أقفال الصندوق مرقّمة، ودُوّنت أرقامها في المحضر؟</li>"
                "<li>هل تمكّن كل ناخب من الإدلاء بصوته بسرّية تامة؟</li>"
                "<li>هل كانت قوائم الناخبين متاحة للاطلاع في مركز الاقتراع؟</li>"
                "<li>هل بدأ الفرز فور إغلاق الصناديق وفي القاعة نفسها؟</li>"
                "<li>هل عُرضت كل ورقة اقتراع على الحاضرين جميعًا أثناء عدّها؟</li>"
                "<li>هل وقّع الموظفون والمندوبون محضر النتائج، وعُلّقت نسخة منه على باب "
                "المركز؟</li>"
                "<li>هل سُمح للمراقبين بتصوير النتيجة المعلّقة؟</li>"
                "</ol>"
                "<p>يُجاب عن كل سؤال بنعم أو لا، وتُدوَّن كل إجابة بالنفي مع وقتها ووصف موجز لما "
                "جرى. ولا يتدخل المراقبون في سير العملية؛ فمهمتهم التوثيق لا الجدال.</p>"
                "<h2>لماذا ننشرها؟</h2>"
                "<p>نتيح هذه القائمة للجميع لأن الفرز النزيه ليس سرًّا من أسرار المهنة. فبوسع "
                "موظفي الاقتراع والمرشحين والناخبين أن يستعينوا بها على السواء، وحين يعرف الجميع "
                "ما ينبغي أن يحدث، يسهل رصد المخالفات ويصعب تبريرها. كما أن نشرها يطمئن موظفي "
                "الاقتراع النزيهين، وهم الأغلبية، إلى أن المراقبين معنيّون بسلامة الإجراءات لا "
                "بتصيّد الأخطاء.</p>"
                "<blockquote><p>لا يثق الناس بالانتخابات لأن أحدًا أخبرهم بأنها نزيهة، بل لأنهم "
                "رأوا ذلك بأعينهم.</p>"
                "</blockquote>"
                "<p>بعد يوم الاقتراع سننشر خلاصة تقارير جميع المراكز التي غطيناها، مع إتاحة "
                "الاستمارات الأصلية لمن يطلبها. وإن رغبت في التطوع مراقبًا، فدورات التدريب تُعقد "
                "في نهاية كل أسبوع حتى موعد التصويت، وتجد تفاصيلها في "
                '<a href="https://example.org/observe">صفحة المتطوعين</a>.</p>'
            ),
            "hero_alt": (
                "رسم تجريدي: تلال متدرجة بالأخضر الزيتوني تحت شمس شاحبة، وفي السماء دوائر صفراء "
                "ناعمة."
            ),
            "hero_caption": "الفرز النزيه هو ما يستطيع كل الحاضرين متابعته.",
        },
        "en": {
            "title": "A fair count in eight questions: our observers' checklist",
            "slug": "a-fair-count-in-eight-questions",
            "summary": (
                "Our volunteer observers train on a one-page checklist before every election. We "
                "publish it so that anyone can see what a fair count looks like."
            ),
            "body": (
                "<p>Election fraud is rarely dramatic. More often, trust erodes through small "
                "things: a ballot box opened before observers arrive, a tally sheet filled in with "
                "pencil, a result announced before anyone could check it. That is why our "
                "observers at the coming municipal elections will carry a one-page checklist "
                "rather than a thick manual.</p>"
                "<h2>The checklist</h2>"
                "<ol><li>Was the ballot box shown to be empty, in front of observers and "
                "candidates' agents, before voting began?</li>"
                "<li>Were the seals on the box numbered, and were those numbers recorded?</li>"
                "<li>Could every voter mark the ballot in private?</li>"
                "<li>Was the voter list available for inspection at the polling station?</li>"
                "<li>Did the count begin immediately after closing, in the same room?</li>"
                "<li>Was each ballot shown to everyone present as it was counted?</li>"
                "<li>Was the result sheet signed by staff and agents, with a copy posted on the "
                "door?</li>"
                "<li>Were observers allowed to photograph the posted result?</li>"
                "</ol>"
                '<p>Each question is answered yes or no, and every "no" is written down with the '
                "time and a short description. Observers do not intervene: their job is to record, "
                "not to argue.</p>"
                "<h2>Why publish it?</h2>"
                "<p>We share the list openly because a fair count is not a trade secret. Polling "
                "staff, candidates and voters can all use it. When everyone knows what should "
                "happen, irregularities become easier to notice and harder to excuse. Publishing "
                "it also reassures honest polling staff, who are the great majority, that "
                "observers care about procedure rather than hunting for culprits.</p>"
                "<blockquote><p>People trust an election not because they are told it was fair, "
                "but because they could see for themselves.</p>"
                "</blockquote>"
                "<p>After election day we will publish a summary of the reports from every station "
                "we covered, with the original forms available on request. If you would like to "
                "volunteer as an observer, training sessions run every weekend until the vote; the "
                'details are on <a href="https://example.org/observe">our volunteer page</a>.</p>'
            ),
            "hero_alt": (
                "Abstract illustration: olive-green hills in layers beneath a pale sun, with soft "
                "yellow circles in the sky."
            ),
            "hero_caption": "A fair count is one that everyone present can follow.",
        },
        "hero_credit": "Coalition design desk",
        "authors": ["karim-nasser"],
        "topics": ["elections"],
        "days_ago": 58,
        "featured": False,
    },
    {
        "ar": {
            "title": "الصحفيون المحليون بحاجة إلى الحماية لا إلى التصاريح",
            "slug": "الصحفيون-المحليون-والحماية",
            "summary": (
                "تُلزم مسودة لائحة جديدة المراسلين المحليين بتجديد تصريح صحفي كل ستة أشهر. نشرح "
                "لماذا يُضعف ذلك حق الناس في المعرفة، وما البديل الأجدى."
            ),
            "body": (
                "<p>تُتداول في محافظة الساحل مسودة لائحة تُلزم كل مراسل محلي بالحصول على تصريح "
                "صحفي يُجدَّد كل ستة أشهر لدى مكتب تابع للمحافظة. يقدّمها واضعوها بوصفها وسيلة "
                "«لتنظيم المهنة»، لكنها في الواقع تجعل الحق في نقل الخبر رهنًا بتوقيع إداري.</p>"
                "<h2>من سيتضرر؟</h2>"
                "<p>لا تأتي معظم أخبار البلدات الصغيرة من المؤسسات الإعلامية الكبرى، بل من صحفيين "
                "مستقلين ومتطوعين في الإذاعات المجتمعية ومراسلين غير متفرغين يغطّون جلسات المجالس "
                "البلدية وإغلاق المدارس وانقطاع المياه، وهؤلاء في الغالب أول من يصل إلى موقع الخبر "
                "وآخر من يغادره، وكثير منهم يعمل دون عقد. ونظامُ تصاريح يشترط خطابًا من جهة العمل "
                "ورسومًا وطلبًا جديدًا مرتين في السنة سيُقصيهم بصمت.</p>"
                "<p>وحين تغيب الصحافة المحلية تملأ الشائعات الفراغ؛ فيفقد السكان مصدرًا موثوقًا "
                "لمعرفة ما قرره مجلسهم، ويفقد المسؤولون قناة لشرح خياراتهم. ولا أحد يربح من هذا "
                "الصمت.</p>"
                "<h2>ما البديل الأجدى؟</h2>"
                "<p>لا تتطلب حماية الصحافة التحكم فيمن يحق له ممارستها. ونقترح بدلًا من ذلك ثلاث "
                "خطوات أبسط:</p>"
                "<ul><li>بطاقات صحفية اختيارية تصدرها هيئة مهنية مستقلة، لا مكتب حكومي.</li>"
                "<li>قاعدة علنية واضحة تمنع احتجاز أي صحفي بسبب عمله إلا بأمر قضائي.</li>"
                "<li>جهة اتصال في كل محافظة يبلّغها الصحفيون بأي عرقلة يتعرضون لها، وتلتزم بالرد "
                "كتابيًا خلال أسبوع.</li>"
                "</ul>"
                "<blockquote><p>حرية الصحافة ليست امتيازًا يُمنح للصحفيين، بل هي حق الناس في معرفة "
                "ما يُفعل باسمهم.</p>"
                "</blockquote>"
                "<p>تنتهي فترة التشاور بشأن المسودة الشهر المقبل. وقد قدّمنا ملاحظاتنا ونشرناها "
                'كاملة في <a href="https://example.org/press-consultation">صفحة التشاور</a>، '
                "ويستطيع العاملون في الإعلام المحلي إضافة تجاربهم هناك، وسننقل كل مساهمة موقّعة "
                "إلى لجنة الصياغة. فالمسودة ما زالت قابلة للتعديل، ونأمل أن تُصغي اللجنة أولًا إلى "
                "من سيتأثرون بها أكثر من غيرهم.</p>"
            ),
            "hero_alt": "رسم تجريدي: تدرّج وردي وبنفسجي تعبره خطوط بيضاء مائلة رفيعة، وحلقة بيضاء.",
            "hero_caption": "تأتي معظم الأخبار المحلية من صحفيين مستقلين ومتطوعين.",
        },
        "en": {
            "title": "Local reporters need protection, not permits",
            "slug": "local-reporters-need-protection-not-permits",
            "summary": (
                "A draft rule would make local correspondents renew a press permit every six "
                "months. We explain why that would weaken public information, and what would work "
                "better."
            ),
            "body": (
                "<p>A draft regulation circulating in the Coastal Province would require every "
                "local correspondent to hold a press permit, renewed every six months by a "
                'provincial office. Its authors present it as a way to "organise the profession". '
                "In practice, it would make the right to report depend on an administrative "
                "signature.</p>"
                "<h2>Who would be affected</h2>"
                "<p>Most news from small towns does not come from large newsrooms. It comes from "
                "freelancers, community radio volunteers and part-time correspondents who cover "
                "council meetings, school closures and water cuts. They are usually the first to "
                "arrive where news happens and the last to leave, and many of them work without a "
                "contract. A permit system that expects an employer's letter, a fee and a fresh "
                "application twice a year would quietly push them out.</p>"
                "<p>When local reporting disappears, rumours fill the gap. Residents lose a "
                "reliable way to learn what their council decided, and officials lose a channel "
                "for explaining their choices. Nobody gains from that silence.</p>"
                "<h2>What would work better</h2>"
                "<p>Protecting journalism does not require controlling who may practise it. We "
                "propose three simpler steps instead:</p>"
                "<ul><li>Voluntary press cards issued by an independent professional body, not a "
                "government office.</li>"
                "<li>A clear, public rule that no reporter may be detained over their work without "
                "a court order.</li>"
                "<li>A contact point in every province where journalists can report obstruction "
                "and receive a written reply within a week.</li>"
                "</ul>"
                "<blockquote><p>A free press is not a privilege granted to reporters. It is the "
                "public's right to know what is done in its name.</p>"
                "</blockquote>"
                "<p>The consultation on the draft closes next month. We have submitted our "
                "comments and published them in full on "
                '<a href="https://example.org/press-consultation">our consultation page</a>. '
                "Readers who work in local media can add their own experience there, and we will "
                "pass every signed contribution to the drafting committee. The draft can still be "
                "changed, and we hope the committee will listen first to those it would affect "
                "most.</p>"
            ),
            "hero_alt": (
                "Abstract illustration: a pink and violet gradient crossed by fine diagonal white "
                "lines, with a white ring."
            ),
            "hero_caption": "Most local news comes from freelancers and volunteers.",
        },
        "hero_credit": "Coalition design desk",
        "authors": ["salma-haddad"],
        "topics": ["press-freedom", "civic-freedoms"],
        "days_ago": 30,
        "featured": True,
    },
    {
        "ar": {
            "title": "أساسيات الأمان الرقمي للمتطوعين الجدد",
            "slug": "أساسيات-الأمان-الرقمي",
            "summary": (
                "لا يلزمك أن تكون خبيرًا لتحمي المعلومات التي يأتمنك عليها زملاؤك؛ فخمس عادات "
                "بسيطة تقيك معظم المخاطر."
            ),
            "body": (
                "<p>يحضر كل متطوع ينضم إلى التحالف جلسة قصيرة عن الأمان الرقمي. لا نفعل ذلك لأننا "
                "نتوقع المتاعب، بل لأن المعلومات التي بين أيدينا ملك لغيرنا: أسماء عائلات طلبت "
                "المساعدة، وأرقام هواتف المراقبين، ومحاضر الاجتماعات. وحمايتها جزء من احترام "
                "أصحابها.</p>"
                "<h2>خمس عادات تقي من معظم المخاطر</h2>"
                "<ul><li><strong>أقفل هاتفك</strong> برمز طويل أو عبارة مرور، لا بنمط يستطيع من "
                "يقف خلفك أن يراه.</li>"
                "<li><strong>فعّل التحقق بخطوتين</strong> في بريدك الإلكتروني وتطبيقات المراسلة، "
                "ويُفضَّل أن يكون عبر تطبيق مخصص لا عبر الرسائل النصية.</li>"
                "<li><strong>حدّث</strong> هاتفك وحاسوبك فور صدور التحديثات؛ فمعظم الاختراقات "
                "تستغل ثغرات قديمة معروفة.</li>"
                "<li><strong>استخدم الرسائل ذاتية الحذف</strong> في المجموعات التي تتناول عملًا "
                "حساسًا، وأبقِ هذه المجموعات صغيرة.</li>"
                "<li><strong>فكّر قبل أن تنشر</strong> أي صورة؛ فالوجوه في الخلفية ولافتات الشوارع "
                "قد تكشف أكثر مما تريد.</li>"
                "</ul>"
                "<h2>حين يبدو شيء ما مريبًا</h2>"
                "<p>إذا وصلتك رسالة غير متوقعة تطلب منك تسجيل الدخول أو تغيير كلمة المرور أو فتح "
                "مرفق، فلا تضغط على أي رابط فيها، بل أعد توجيهها إلى مكتب الدعم في التحالف ليتحقق "
                "منها ويرد عليك. لا حرج في السؤال؛ الخطأ الوحيد هو الصمت.</p>"
                "<p>وقد يضيع جهاز أو يُصادَر. فإن فقدت هاتفك، فأبلغ منسّقك في اليوم نفسه لمراجعة "
                "عضوية المجموعات وتغيير كلمات المرور. السرعة هنا أهم من البحث عن المقصّر.</p>"
                "<h3>الاعتدال سرّ الاستمرار</h3>"
                "<p>الأمان الجيد هو ما تستطيع المداومة عليه، أما الخطة المعقدة فتُهجر في غضون "
                "أسبوع. ابدأ بهذه العادات الخمس، ثم أضف إليها كلما اتسع دورك. ومن يحتفظ بقوائم "
                "المتطوعين أو محاضر الاجتماعات، كما تفعل "
                '<a href="/ar/articles/لجنة-حي-الزيتون/">لجنة حيّ الزيتون في الريحان</a>، فليحفظها '
                "في مكان واحد محمي بكلمة مرور، وليحذف ما لم تعد له حاجة به.</p>"
            ),
            "hero_alt": "رسم تجريدي: تدرّج أخضر بحري مع دوائر فيروزية ناعمة وأقواس بيضاء رفيعة.",
            "hero_caption": "الأمان الجيد هو ما تستطيع المداومة عليه كل يوم.",
        },
        "en": {
            "title": "Digital safety basics for new volunteers",
            "slug": "digital-safety-basics-for-volunteers",
            "summary": (
                "You do not need to be an expert to protect the information colleagues trust you "
                "with. Five habits cover most of the risks a volunteer faces."
            ),
            "body": (
                "<p>Every new volunteer who joins the coalition attends a short session on digital "
                "safety. It is not because we expect trouble, but because the information we hold "
                "belongs to other people: the names of families who asked for help, the phone "
                "numbers of observers, the minutes of a meeting. Protecting it is part of "
                "respecting them.</p>"
                "<h2>Five habits that cover most risks</h2>"
                "<ul><li><strong>Lock your phone</strong> with a long PIN or passphrase, not a "
                "pattern that can be seen over your shoulder.</li>"
                "<li><strong>Turn on two-step verification</strong> for your email and messaging "
                "accounts, using an authenticator app rather than text messages where you can.</li>"
                "<li><strong>Update</strong> your phone and computer as soon as updates arrive; "
                "most attacks rely on old, well-known flaws.</li>"
                "<li><strong>Use disappearing messages</strong> in group chats about sensitive "
                "work, and keep those groups small.</li>"
                "<li><strong>Think before you share</strong> a photo: faces in the background and "
                "street signs can reveal more than you intend.</li>"
                "</ul>"
                "<h2>When something feels wrong</h2>"
                "<p>If you receive an unexpected message asking you to log in, reset a password or "
                "open an attachment, do not click anything. Forward it to the coalition's help "
                "desk, which will check it and reply. There is no shame in asking; the only "
                "mistake is staying silent.</p>"
                "<p>Devices also get lost or confiscated. If your phone goes missing, tell your "
                "coordinator the same day so that group memberships can be reviewed and passwords "
                "changed. Speed matters more than blame.</p>"
                "<h3>Keep it proportionate</h3>"
                "<p>Good security is the kind you can keep up. A plan that is too complicated will "
                "be abandoned within a week. Start with the five habits above and add more as your "
                "role grows. For those who cover demonstrations or court hearings, our guide to "
                '<a href="/en/articles/securing-your-phone-before-a-public-event/">securing your '
                "phone before a public event</a> goes further.</p>"
            ),
            "hero_alt": (
                "Abstract illustration: a sea-green gradient with soft turquoise circles and thin "
                "white arcs."
            ),
            "hero_caption": "Good security is the kind you can keep up every day.",
        },
        "hero_credit": "Coalition design desk",
        "authors": ["nadia-rahal"],
        "topics": ["civic-freedoms", "press-freedom"],
        "days_ago": 50,
        "featured": False,
    },
    {
        "ar": {
            "title": "رسائل تصل: كيف نساند سجناء الرأي وعائلاتهم",
            "slug": "رسائل-تصل-إلى-سجناء-الرأي",
            "summary": (
                "العزلة من أثقل ما يواجهه المحتجزون بسبب آرائهم. يسعى برنامج الرسائل لدينا إلى "
                "تخفيفها، في حدود الأنظمة المعمول بها وبموافقة العائلات."
            ),
            "body": (
                "<p>كثيرًا ما يقول المحتجزون بسبب تعبيرهم السلمي عن آرائهم إن أقسى ما في الاحتجاز "
                "ليس الزنزانة، بل الصمت المحيط بها. تمرّ الأسابيع دون خبر من الخارج، وتبقى "
                "العائلات تتساءل: هل ما زال أحد يتذكّر؟ ويأتي برنامج الرسائل لدينا ليجيب عن هذا "
                "السؤال بـ«نعم» واضحة.</p>"
                "<h2>كيف يعمل البرنامج؟</h2>"
                "<p>يكتب المتطوعون رسائل قصيرة دافئة تلتزم بالقواعد المعلنة للسجن في شأن "
                "المراسلات. لا تتضمن الرسائل مواقف سياسية ولا تفاصيل عن قضية المحتجز، بل تتحدث عن "
                "الكتب وتعاقب الفصول وأخبار العائلة التي أُذن بنقلها، وتحمل كلمات تشجيع بسيطة. "
                "ويقرأ منسّقٌ كل رسالة قبل إرسالها، حتى لا يكون فيها ما قد يضر بمتلقيها.</p>"
                "<p>ولا نراسل إلا من طلبت عائلاتهم ذلك، ونتوقف فورًا إذا رغبت العائلة في التوقف؛ "
                "فالموافقة أولًا.</p>"
                "<blockquote><p>«احتفظ أخي بكل الرسائل في صندوق تحت سريره، وأخبرنا أنه كان يقرؤها "
                "في المساء حين يهدأ الضجيج»، تقول شقيقة أحد المحتجزين في وادي السنابل.</p>"
                "</blockquote>"
                "<h2>أبعد من الرسائل</h2>"
                "<p>ليست الرسائل سوى جزء من الدعم الذي نقدمه؛ إذ يساعد فريقنا القانوني العائلات "
                "على فهم أنظمة الزيارة، وطلب الرعاية الطبية، ومتابعة ملفات القضايا أمام المحاكم. "
                "ونوثّق كل حالة بعناية، لأن السجلات الدقيقة هي ما تعتمد عليه الهيئات المستقلة حين "
                "تراجع ظروف الاحتجاز. كما ننظّم لقاءات دورية تجمع العائلات، لأن من يمرّ بالتجربة "
                "نفسها يفهم ما تعجز الكلمات عن شرحه.</p>"
                "<h3>كيف يمكنك المساعدة؟</h3>"
                "<ol><li>شارك في إحدى أمسيات كتابة الرسائل، ولا تلزمك أي خبرة سابقة.</li>"
                "<li>تبرّع بطوابع بريدية أو بطاقات أو كتب بحالة جيدة.</li>"
                "<li>لا تتداول إلا المعلومات الموثّقة، وتجنّب نشر الشائعات عن الحالات الفردية.</li>"
                "</ol>"
                "<p>لا ينبغي أن يُسجن أحد بسبب رأي عبّر عنه سلميًا. وإلى أن يُفرج عن جميع سجناء "
                "الرأي، فإن أقل ما نستطيع فعله أن نضمن ألا يشعر أيٌّ منهم بأنه منسي.</p>"
            ),
            "hero_alt": (
                "رسم تجريدي: تلال بلون الطين الدافئ متدرجة تحت شمس شاحبة، مع دوائر ناعمة وردية "
                "وذهبية."
            ),
            "hero_caption": "قد تكفي رسالة لتقول لإنسان إنه ليس منسيًا.",
        },
        "en": {
            "title": (
                "Letters that arrive: standing with prisoners of conscience and their families"
            ),
            "slug": "letters-that-arrive",
            "summary": (
                "Isolation is one of the heaviest parts of detention for people held for their "
                "opinions. Our letter-writing programme tries to lighten it, within the rules and "
                "with the families' consent."
            ),
            "body": (
                "<p>People detained for peacefully expressing their views often say that the "
                "hardest part is not the cell but the silence around it. Weeks pass without news "
                "from outside, and families are left wondering whether anyone still remembers. Our "
                "letter programme exists to answer that question with a clear yes.</p>"
                "<h2>How the programme works</h2>"
                "<p>Volunteers write short, warm letters that follow the prison's published rules "
                "on correspondence. The letters contain no political statements and no details of "
                "the detainee's case. They talk about books, the changing seasons, family news "
                "shared with permission, and simple encouragement. A coordinator reads every "
                "letter before it is sent, so that nothing in it could cause trouble for the "
                "person receiving it.</p>"
                "<p>We only write to people whose families have asked us to, and we stop "
                "immediately if a family wishes. Consent comes first.</p>"
                '<blockquote><p>"My brother kept every letter in a box under his bed. He told us '
                'he read them in the evenings, when the noise died down," says the sister of a '
                "detainee from Wadi Sanabel.</p>"
                "</blockquote>"
                "<h2>Beyond letters</h2>"
                "<p>Letters are only one part of the support we offer. Our legal team helps "
                "families understand visiting rules, request medical care and follow case files "
                "through the courts. We also document every case carefully, because accurate "
                "records are what independent bodies rely on when they review conditions of "
                "detention. We also bring families together regularly, because people going "
                "through the same experience understand what words cannot explain.</p>"
                "<h3>How you can help</h3>"
                "<ol><li>Join a letter-writing evening; no experience is needed.</li>"
                "<li>Donate stamps, cards or books in good condition.</li>"
                "<li>Share verified information only, never rumours about individual cases.</li>"
                "</ol>"
                "<p>Nobody should be imprisoned for a peaceful opinion. Until every prisoner of "
                "conscience is free, the least we can do is make sure that none of them feels "
                "forgotten.</p>"
            ),
            "hero_alt": (
                "Abstract illustration: warm terracotta hills in layers under a pale sun, with "
                "soft rose and gold circles."
            ),
            "hero_caption": "A letter can tell someone that they are not forgotten.",
        },
        "hero_credit": "Coalition design desk",
        "authors": ["youssef-mansour"],
        "topics": ["detainees-rights"],
        "days_ago": 46,
        "featured": True,
    },
    {
        "ar": {
            "title": "قراءة ميزانية البلدية: خمسة أسئلة من حق كل مواطن أن يطرحها",
            "slug": "قراءة-ميزانية-البلدية",
            "summary": (
                "تبدو الميزانيات العامة شأنًا تقنيًا، لكنها قرارات تمسّ شوارعنا ومدارسنا "
                "ومستوصفاتنا. دليل موجز لقراءتها والسؤال عنها بهدوء."
            ),
            "body": (
                "<p>قد تمتد ميزانية البلدية على مئتي صفحة من الجداول، وقلّما يفتحها أحد من السكان. "
                "ومع ذلك فكل بند فيها قرار يمسّ الحياة اليومية: كم مصباحًا في الشوارع سيُصلَح، وهل "
                "يُرمَّم سقف المدرسة قبل موسم الأمطار، وكم ينفق المجلس على سياراته. إنها وثائق "
                "سياسية مكتوبة بلغة المحاسبين.</p>"
                "<h2>خمسة أسئلة للبداية</h2>"
                "<ol><li>هل نُشرت الميزانية قبل إقرارها، وهل أُتيح وقت كافٍ لإبداء الملاحظات؟</li>"
                "<li>ما الفرق بين الإنفاق المخطط له والإنفاق الفعلي في العام الماضي؟</li>"
                "<li>أيُّ البنود شهد أكبر زيادة، وهل ثمة تفسير مكتوب لذلك؟</li>"
                "<li>كيف تُرسى العقود التي تتجاوز قيمة معينة، وهل تُعلَن أسماء الجهات الفائزة "
                "بها؟</li>"
                "<li>هل يوجد ملخص بلغة مبسطة يستطيع غير المتخصصين متابعته؟</li>"
                "</ol>"
                "<p>لا ينطوي أيٌّ من هذه الأسئلة على اتهام لأحد؛ فهي تطلب من المجلس ببساطة أن يعرض "
                "حساباته، كما تنتظر أي أسرة ممن يدير مالها.</p>"
                "<h2>ماذا وجدنا في الريحان؟</h2>"
                "<p>قارن متطوعونا الميزانيات الثلاث الأخيرة لمجلس الريحان البلدي، فتبيّن لهم أن "
                "صيانة الطرق كانت تُعلَن كل عام ولا يُنفَّذ منها إلا جزء، في حين تضاعف بند «خدمات "
                "متنوعة» ثلاث مرات. وقد وافق المجلس منذ ذلك الحين على نشر تقارير إنفاق فصلية، وهي "
                "خطوة متواضعة لكنها حقيقية.</p>"
                "<blockquote><p>الشفافية ليست منّةً يتفضل بها المسؤولون، بل هي الوسيلة التي يتحقق "
                "بها المواطنون من أن ضرائبهم تتحول إلى خدمات.</p>"
                "</blockquote>"
                "<p>إذا كانت بلدتك تنشر ميزانيتها على الإنترنت، فابدأ بقراءة الجدول الملخص وقارن "
                "بين عامين متتاليين. وإن لم تكن تنشرها، فإن طلبًا مكتوبًا مهذبًا هو في حد ذاته شكل "
                "من أشكال المشاركة المدنية، ويكفي أن يكون بسيطًا: «نرجو تزويدنا بنسخة من ميزانية "
                "العام الحالي وبتقرير تنفيذ ميزانية العام الماضي». وتُظهر تجربة "
                '<a href="/ar/articles/لجنة-حي-الزيتون/">لجنة حيّ الزيتون</a> إلى أي مدى يمكن أن '
                "يصل سؤالٌ موثّق جيدًا.</p>"
            ),
            "hero_alt": (
                "رسم تجريدي: تدرّج بنفسجي فاتح مع دوائر ضبابية وخطوط بيضاء مائلة رفيعة وحلقة بيضاء."
            ),
            "hero_caption": "كل بند في الميزانية قرار يمسّ الحياة اليومية.",
        },
        "en": {
            "title": "Reading the municipal budget: five questions every resident can ask",
            "slug": "reading-the-municipal-budget",
            "summary": (
                "Public budgets look technical, but they are decisions about our streets, schools "
                "and clinics. A short guide to reading them, and asking about them, calmly."
            ),
            "body": (
                "<p>A municipal budget can run to two hundred pages of tables, and few residents "
                "ever open one. Yet every line in it is a decision about daily life: how many "
                "street lamps will be repaired, whether the school roof is fixed before the rains, "
                "how much the council spends on its own cars. Budgets are political documents "
                "written in the language of accountants.</p>"
                "<h2>Five questions to start with</h2>"
                "<ol><li>Was the budget published before it was approved, with enough time for "
                "comments?</li>"
                "<li>How did planned spending compare with actual spending last year?</li>"
                "<li>Which items grew the most, and is there a written explanation?</li>"
                "<li>How are contracts above a certain value awarded, and are the winners named "
                "publicly?</li>"
                "<li>Is there a plain-language summary that residents without training can "
                "follow?</li>"
                "</ol>"
                "<p>None of these questions accuses anyone. They simply ask the council to show "
                "its work, as any household would expect of someone managing its money.</p>"
                "<h2>What we found in Al-Rayhan</h2>"
                "<p>Our volunteers compared the last three budgets of Al-Rayhan's council. They "
                "found that road maintenance had been announced every year but only partly carried "
                'out, while a line called "miscellaneous services" had tripled. The council has '
                "since agreed to publish quarterly spending reports: a modest step, but a real "
                "one.</p>"
                "<blockquote><p>Transparency is not a favour that officials grant. It is how "
                "citizens check that their taxes become services.</p>"
                "</blockquote>"
                "<p>If your town publishes its budget online, start with the summary table and "
                "compare two years side by side. If it does not, a polite written request is "
                'itself a form of civic participation, and it can be simple: "Please send us this '
                "year's budget and last year's spending report.\" The experience of "
                '<a href="/en/articles/how-a-neighbourhood-committee-learned-to-be-heard/">the '
                "Olive quarter committee</a> shows how far a well-documented question can go.</p>"
            ),
            "hero_alt": (
                "Abstract illustration: a lavender and periwinkle gradient with blurred circles, "
                "fine diagonal white lines and a white ring."
            ),
            "hero_caption": "Every line of a budget is a decision about daily life.",
        },
        "hero_credit": "Coalition design desk",
        "authors": ["salma-haddad", "karim-nasser"],
        "topics": ["civic-freedoms"],
        "days_ago": 4,
        "featured": False,
    },
    {
        "ar": {
            "title": "الحق في التجمع السلمي: ما الذي يحميه القانون؟",
            "slug": "الحق-في-التجمع-السلمي",
            "summary": (
                "التجمع السلمي حقّ لا منّة. يشرح مكتبنا القانوني الفرق بين الإخطار والترخيص، وكيف "
                "يحافظ المنظمون على هدوء التجمع."
            ),
            "body": (
                "<p>تصل إلى مكتبنا القانوني كل أسبوع أسئلة عن التجمعات العامة: هل يجوز لمجموعة من "
                "أولياء الأمور الوقوف أمام مديرية التربية حاملين لافتة؟ وهل تحتاج وقفة بالشموع إلى "
                "ترخيص؟ والإجابة تنطلق من مبدأ واحد: التجمع السلمي حقّ للجميع، وكل قيد عليه "
                "استثناءٌ يحتاج إلى تبرير.</p>"
                "<h2>الإخطار ليس طلبَ إذن</h2>"
                "<p>في كثير من الأنظمة القانونية، ومنها النظام الذي يعمل تحالفنا في إطاره، يُطلب "
                "من منظمي التجمعات العامة الكبيرة <em>إخطار</em> السلطات مسبقًا. والغاية من "
                "الإخطار تنظيم حركة المرور وتهيئة الخدمات، لا استئذان أحد؛ وعدم تلقي ردّ لا يجعل "
                "التجمع السلمي مخالفًا للقانون. بل إن الإخطار يحمي المنظمين أنفسهم، إذ يثبت أنهم "
                "تصرفوا علنًا وبحسن نية.</p>"
                "<p>وينبغي أن يكون أي قيد على الزمان أو المكان أو الشكل ضروريًا ومتناسبًا "
                "ومعلَّلًا كتابةً، مع إتاحة الطعن فيه قبل موعد التجمع. ولا يكفي القول إن التجمع "
                "«قد يسبب إزعاجًا» لتبرير منعه؛ فقدر معقول من الإزعاج جزء من الحياة العامة في أي "
                "مدينة.</p>"
                "<h2>نصائح عملية للمنظمين</h2>"
                "<ul><li>سمّوا فريقًا صغيرًا من المنظمين الميدانيين يرتدون ما يميّزهم ويعرفون "
                "المسار جيدًا.</li>"
                "<li>اتفقوا مسبقًا على طريقة هادئة لإنهاء التجمع إذا تصاعد التوتر.</li>"
                "<li>احتفظوا بنسخة مكتوبة من أي إخطار ترسلونه وأي رد تتلقونه.</li>"
                "<li>زوّدوا كل منظم ميداني برقم محامٍ أو برقم مكتبنا القانوني.</li>"
                "</ul>"
                "<blockquote><p>قوة التجمع السلمي في انضباطه: فمن يجتمعون بهدوء وينصرفون بهدوء "
                "يقدّمون الحجة الأقوى.</p>"
                "</blockquote>"
                "<h3>إذا وقع ما لم يكن في الحسبان</h3>"
                "<p>إذا أُوقف مشاركون أو استُجوبوا، فمن حقهم معرفة السبب، والاتصال بمحامٍ، وإبلاغ "
                "عائلاتهم. ويُبقي فريقنا خطًا ساخنًا مفتوحًا خلال التجمعات المعلنة، ويوثّق كل "
                "حادثة تُبلَّغ إليه. أما المتطوعون الذين يحملون هواتفهم إلى مثل هذه الفعاليات، "
                "فننصحهم باتباع الخطوات الواردة في دليل "
                '<a href="/ar/articles/أساسيات-الأمان-الرقمي/">أساسيات الأمان الرقمي</a>.</p>'
            ),
            "hero_alt": (
                "رسم تجريدي: تدرّج أخضر زاهٍ مع دوائر خضراء فاتحة ناعمة وأقواس بيضاء رفيعة متحدة "
                "المركز."
            ),
            "hero_caption": "من يجتمعون بهدوء وينصرفون بهدوء يقدّمون الحجة الأقوى.",
        },
        "en": {
            "title": "The right to gather peacefully: what the law protects",
            "slug": "the-right-to-gather-peacefully",
            "summary": (
                "A peaceful gathering is a right, not a favour. Our legal desk explains the "
                "difference between notification and permission, and how organisers can keep an "
                "assembly calm."
            ),
            "body": (
                "<p>Questions about public gatherings reach our legal desk every week. May a group "
                "of parents stand outside the education office with a banner? Does a candlelit "
                "vigil need a permit? The answers begin with one principle: peaceful assembly is a "
                "right that belongs to everyone, and any restriction on it is an exception that "
                "must be justified.</p>"
                "<h2>Notification is not permission</h2>"
                "<p>In many legal systems, including the one our coalition works under, the "
                "organisers of a large public gathering are asked to <em>notify</em> the "
                "authorities in advance. Notification lets traffic be managed and services be "
                "prepared. It is not a request for permission, and the absence of a reply does not "
                "make a peaceful assembly unlawful. Notification also protects the organisers, "
                "since it shows that they acted openly and in good faith.</p>"
                "<p>Any restriction on time, place or form should be necessary, proportionate and "
                "explained in writing, with a chance to appeal before the event. Saying that a "
                'gathering "might cause inconvenience" is not enough to ban it: some inconvenience '
                "is part of public life in any city.</p>"
                "<h2>Practical advice for organisers</h2>"
                "<ul><li>Name a small team of stewards who wear something visible and know the "
                "route.</li>"
                "<li>Agree in advance on a calm way to end the gathering if tensions rise.</li>"
                "<li>Keep a written record of any notification you send and any reply you "
                "receive.</li>"
                "<li>Give every steward the number of a lawyer or of our legal desk.</li>"
                "</ul>"
                "<blockquote><p>The strength of a peaceful assembly lies in its discipline: people "
                "who gather calmly and leave calmly make the strongest case.</p>"
                "</blockquote>"
                "<h3>If something goes wrong</h3>"
                "<p>If participants are stopped or questioned, they have the right to know why, to "
                "contact a lawyer and to inform their families. Our team keeps a hotline open "
                "during announced gatherings and documents every incident reported to it. "
                "Volunteers who bring their phones to such events should also follow the steps in "
                'our <a href="/en/articles/digital-safety-basics-for-volunteers/">digital safety '
                "basics</a>.</p>"
            ),
            "hero_alt": (
                "Abstract illustration: a fresh green gradient with soft light-green circles and "
                "thin white concentric arcs."
            ),
            "hero_caption": "People who gather calmly and leave calmly make the strongest case.",
        },
        "hero_credit": "Coalition design desk",
        "authors": ["youssef-mansour"],
        "topics": ["civic-freedoms"],
        "days_ago": 36,
        "featured": False,
    },
    {
        "ar": {
            "title": "مزيد من النساء على ورقة الاقتراع: ما الذي تغيّر في وادي السنابل؟",
            "slug": "مزيد-من-النساء-على-ورقة-الاقتراع",
            "summary": (
                "ترشحت إحدى عشرة امرأة لعضوية مجلس وادي السنابل في الانتخابات المحلية الأخيرة، بعد "
                "أن كنّ اثنتين فقط. حدّثتنا المرشحات عمّا صنع الفرق."
            ),
            "body": (
                "<p>قبل أربع سنوات ترشحت امرأتان فقط لعضوية المجلس المحلي في وادي السنابل. أما في "
                "الانتخابات الأخيرة فبلغ عدد المرشحات إحدى عشرة، فازت أربع منهن بمقاعد. ولم يأتِ "
                "هذا التحول بفضل قانون واحد أو حملة بعينها، بل بفضل قرارات صغيرة كثيرة جعلت الترشح "
                "أمرًا ممكنًا في نظر النساء.</p>"
                "<h2>ماذا قالت المرشحات؟</h2>"
                "<p>تحدثنا إلى سبع من المرشحات الإحدى عشرة، فذكرت جميعهن تقريبًا العقبات نفسها: "
                "اجتماعات تُعقد في ساعات متأخرة من الليل، وكلفة طباعة المنشورات، وافتراض غير معلن "
                "بأن الشأن العام حكرٌ على الرجال. وأشرن كذلك إلى نقطة التحول ذاتها: سلسلة أمسيات "
                "مفتوحة نظمتها جمعية نسائية، شرحت فيها عضوات سابقات في المجلس كيف يعمل المجلس "
                "فعليًا.</p>"
                "<blockquote><p>«ظننت أن عليّ أن أعرف كل شيء قبل أن أترشح، ثم التقيت نساءً تعلّمن "
                "أثناء العمل مثل أي شخص آخر»، تقول رانية، الصيدلانية التي فازت من محاولتها "
                "الأولى.</p>"
                "</blockquote>"
                "<h2>خطوات أحدثت الفرق</h2>"
                "<ul><li>دورات تدريبية للمرشحات تُعقد بعد الظهر مع توفير رعاية للأطفال.</li>"
                "<li>صندوق مشترك لتغطية تكاليف الطباعة، مفتوح لكل من يترشح للمرة الأولى.</li>"
                "<li>مناظرات في الإذاعة المحلية بوقت متساوٍ لجميع المرشحين والمرشحات.</li>"
                "<li>برنامج إرشاد يجمع كل مرشحة جديدة بعضو سابق في المجلس، أيًّا كان تياره.</li>"
                "</ul>"
                "<p>لم تنحز أيٌّ من هذه الخطوات إلى طرف سياسي بعينه؛ لقد وسّعت دائرة المتنافسين "
                "فحسب، وتكفّل الناخبون بالباقي.</p>"
                "<h3>ماذا بعد؟</h3>"
                "<p>طلبت العضوات الأربع الجديدات نقل اجتماعات المجلس إلى أول المساء، ونشر جداول "
                "الأعمال قبل أسبوع من انعقادها. والطلبان يفيدان السكان جميعًا لا النساء وحدهن. "
                "فالمشاركة السياسية تتسع كما اتسعت هنا: حين يُفتح الباب أوسع قليلًا، يعبره عدد "
                'أكبر من الناس. وقد استُخدمت <a href="/ar/articles/ثمانية-أسئلة-لفرز-نزيه/">قائمة '
                "مراقبينا</a> في وادي السنابل أيضًا، وجرى الفرز بسلاسة في كل المراكز التي "
                "زرناها.</p>"
            ),
            "hero_alt": (
                "رسم تجريدي: تلال متدرجة بلونَي الورد والبرقوق تحت شمس شاحبة، مع دوائر وردية ناعمة."
            ),
            "hero_caption": "حين يُفتح الباب أوسع قليلًا، يعبره عدد أكبر من الناس.",
        },
        "en": {
            "title": "More women on the ballot: what changed in Wadi Sanabel",
            "slug": "more-women-on-the-ballot",
            "summary": (
                "Eleven women stood for the council of Wadi Sanabel at the last local elections, "
                "up from two. The candidates told us what made the difference."
            ),
            "body": (
                "<p>Four years ago, two women stood for the local council of Wadi Sanabel. At the "
                "last elections there were eleven, and four of them won seats. The change did not "
                "come from a single law or a single campaign. It came from many small decisions "
                "that made standing for office seem possible.</p>"
                "<h2>What the candidates told us</h2>"
                "<p>We spoke with seven of the eleven candidates. Almost all of them mentioned the "
                "same obstacles: meetings held late at night, the cost of printing leaflets, and "
                "the unspoken assumption that public life is for men. Almost all also named the "
                "same turning point: a series of open evenings organised by a women's association, "
                "where former councillors explained how the council actually works.</p>"
                '<blockquote><p>"I thought I had to know everything before I could stand. Then I '
                'met women who had learned on the job, like everyone else," says Rania, a '
                "pharmacist elected at her first attempt.</p>"
                "</blockquote>"
                "<h2>Steps that helped</h2>"
                "<ul><li>Candidate training held in the afternoon, with childcare provided.</li>"
                "<li>A shared fund for printing costs, open to any first-time candidate.</li>"
                "<li>Local radio debates with equal speaking time for every candidate.</li>"
                "<li>Mentoring that paired new candidates with former councillors of any political "
                "leaning.</li>"
                "</ul>"
                "<p>None of these steps favoured a political camp. They widened the field, and "
                "voters did the rest.</p>"
                "<h3>What comes next</h3>"
                "<p>The four new councillors have asked for council meetings to move to the early "
                "evening and for agendas to be published a week in advance. Both requests benefit "
                "every resident, not only women. Political participation grows the way it grew "
                "here: when the door opens a little wider, more people walk through it. Our "
                '<a href="/en/articles/a-fair-count-in-eight-questions/">observers\' checklist</a> '
                "was used in Wadi Sanabel too, and counting went smoothly at every station we "
                "visited.</p>"
            ),
            "hero_alt": (
                "Abstract illustration: rose and plum hills in layers under a pale sun, with soft "
                "pink circles."
            ),
            "hero_caption": "When the door opens a little wider, more people walk through it.",
        },
        "hero_credit": "Coalition design desk",
        "authors": ["karim-nasser", "salma-haddad"],
        "topics": ["elections", "civic-freedoms"],
        "days_ago": 11,
        "featured": True,
    },
    {
        "ar": {
            "title": "الحبس الاحتياطي ينبغي أن يكون استثناءً لا قاعدة",
            "slug": "الحبس-الاحتياطي-استثناء-لا-قاعدة",
            "summary": (
                "ينتظر كثيرون شهورًا رهن الاحتجاز محاكماتٍ قد تنتهي ببراءتهم. نعرض المعايير "
                "الواجبة التطبيق والإصلاحات التي نطالب بها."
            ),
            "body": (
                "<p>في الملفات التي يتابعها فريقنا القانوني، لا تكون القصة الأكثر تكرارًا حكمًا "
                "طويلًا، بل انتظارًا طويلًا. يبقى أشخاص رهن الاحتجاز شهورًا، وأحيانًا أكثر من عام، "
                "قبل أن ينظر قاضٍ في الأدلة المقدمة ضدهم. ويُبرَّأ بعضهم في النهاية، لكن الشهور "
                "التي خسروها لا تُستعاد، وتدفع أسرهم الثمن معهم: دخلٌ ينقطع، وأطفال يكبرون في غياب "
                "أحد الوالدين.</p>"
                "<h2>ماذا تقول المعايير؟</h2>"
                "<p>تعني قرينة البراءة أن من ينتظر المحاكمة ينبغي، من حيث المبدأ، أن يبقى طليقًا. "
                "فالحبس الاحتياطي إجراء استثنائي لا يُلجأ إليه إلا عند وجود خطر ملموس بأن يفرّ "
                "الشخص أو يؤثر في الشهود أو يرتكب جرمًا خطيرًا، وبشرط ألا يكفي إجراء أخف لدرء ذلك "
                "الخطر. ويقع عبء إثبات ضرورة الاحتجاز على النيابة العامة، لا على المتهم.</p>"
                "<p>وهذه الإجراءات الأخف موجودة بالفعل: المراجعة الدورية لمركز الشرطة، والمنع من "
                "السفر، والكفالة التي يقدمها أحد أفراد الأسرة. وهي تحمي التحقيق دون أن تحرم "
                "الإنسان من عمله ودراسته وحياته العائلية.</p>"
                "<h2>مقترحاتنا</h2>"
                "<ol><li>قرار مكتوب ومسبَّب لكل أمر احتجاز، يُسلَّم إلى المحتجز ومحاميه.</li>"
                "<li>مراجعة قضائية تلقائية على فترات محددة، لا حين يطلبها الدفاع فقط.</li>"
                "<li>حدّ أقصى واضح لمدة الحبس الاحتياطي، يصبح الإفراج بعده وجوبيًا.</li>"
                "<li>إحصاءات علنية بأعداد المحتجزين قبل المحاكمة ومتوسط مدة احتجازهم.</li>"
                "</ol>"
                "<blockquote><p>العدالة التي تأتي بعد عام من احتجاز لا داعي له تكون قد خذلت من "
                "وُجدت لحمايته.</p>"
                "</blockquote>"
                "<p>ليست هذه المقترحات جذرية، بل إن بعضها منصوص عليه أصلًا في قانون الإجراءات "
                "الجزائية، غير أنه يُطبَّق بتفاوت. وسنعرضها على اللجنة القانونية في البرلمان الشهر "
                "المقبل، مرفقةً بملخصات لحالات حُجبت فيها هويات أصحابها، أُعدّت بموافقة العائلات "
                "المعنية.</p>"
            ),
            "hero_alt": (
                "رسم تجريدي: تدرّج فيروزي وأزرق سماوي فاتح تعبره خطوط بيضاء مائلة رفيعة، وحلقة "
                "بيضاء."
            ),
            "hero_caption": "الإجراءات البديلة تحمي التحقيق دون أن تحرم الإنسان من عمله وأسرته.",
        },
        "en": {
            "title": "Pre-trial detention should be the exception, not the rule",
            "slug": "pre-trial-detention-should-be-the-exception",
            "summary": (
                "Too many people wait months in custody for a trial that may clear them. We set "
                "out the standards that should apply and the reforms we are asking for."
            ),
            "body": (
                "<p>In the files our legal team follows, the most common story is not a long "
                "sentence but a long wait. People are held in custody for months, sometimes for "
                "more than a year, before a judge examines the evidence against them. Some are "
                "eventually acquitted. The months they lost cannot be given back, and their "
                "families pay too: lost income, and children growing up with a parent absent.</p>"
                "<h2>What the standards say</h2>"
                "<p>The presumption of innocence means that a person awaiting trial should, as a "
                "rule, remain free. Detention before trial is meant to be exceptional: used only "
                "when there is a concrete risk that the person will flee, interfere with witnesses "
                "or commit a serious offence, and only when no lighter measure would be enough. "
                "The burden of showing that detention is necessary lies with the prosecution, not "
                "with the accused.</p>"
                "<p>Those lighter measures exist: reporting regularly to a police station, a "
                "travel ban, a guarantee from a family member. They protect the investigation "
                "without cutting a person off from their work, studies and family life.</p>"
                "<h2>Our proposals</h2>"
                "<ol><li>A written, reasoned decision for every detention order, given to the "
                "detainee and their lawyer.</li>"
                "<li>Automatic judicial review at fixed intervals, not only when the defence asks "
                "for it.</li>"
                "<li>A clear maximum length for pre-trial detention, after which release is "
                "mandatory.</li>"
                "<li>Public statistics on the number of people held before trial and the average "
                "length of their detention.</li>"
                "</ol>"
                "<blockquote><p>Justice that arrives after a year of needless detention has "
                "already failed the person it was meant to protect.</p>"
                "</blockquote>"
                "<p>These proposals are not radical. Several are already written into the code of "
                "criminal procedure but are applied unevenly. We will present them to the "
                "parliamentary legal committee next month, together with anonymised case summaries "
                "prepared with the consent of the families involved.</p>"
            ),
            "hero_alt": (
                "Abstract illustration: a pale turquoise and sky-blue gradient with fine diagonal "
                "white lines and a white ring."
            ),
            "hero_caption": (
                "Alternatives to detention protect an investigation without cutting a person off "
                "from work and family."
            ),
        },
        "hero_credit": "Coalition design desk",
        "authors": ["youssef-mansour"],
        "topics": ["detainees-rights"],
        "days_ago": 1,
        "featured": False,
        "status": "draft",
    },
    {
        "ar": {
            "title": "ناخبون للمرة الأولى: حملة تسجيل يقودها الطلاب",
            "slug": "ناخبون-للمرة-الأولى",
            "summary": (
                "أخذ طلاب الكلية التقنية في الريحان على عاتقهم مساعدة كل زميل يحق له الاقتراع على "
                "التسجيل في قوائم الناخبين، بمعلومات دقيقة ودون أي شعارات حزبية."
            ),
            "body": (
                "<p>لم يكن مسجلًا في قوائم الناخبين العام الماضي سوى ثلث طلاب الكلية التقنية في "
                "الريحان ممن بلغوا سن الاقتراع. ولم يكن معظم الباقين غير مبالين، بل لم يعرفوا إلى "
                "أين يتوجهون، ولا ما الوثائق المطلوبة، ولا أن باب التسجيل يُغلق قبل يوم الاقتراع "
                "بأشهر. فقررت مجموعة من طلاب السنة الثانية أن تعالج ذلك.</p>"
                "<h2>طاولة في ساحة الكلية</h2>"
                "<p>طريقتهم بسيطة: مرتين في الأسبوع ينصبون طاولة في ساحة الكلية عليها أدلة مطبوعة، "
                "وقائمة بمكاتب التسجيل ومواعيد عملها، وجدول بالمواعيد النهائية. يجيبون عن الأسئلة، "
                "ويرافقون من يرغب من زملائهم إلى أقرب مكتب بعد المحاضرات. ويتناوبون على الطاولة "
                "وفق جداول محاضراتهم، فلا يتغيب أحد منهم عن درس.</p>"
                "<p>واتفق المتطوعون منذ البداية على قاعدة صارمة: لا شعارات حزبية، ولا منشورات "
                "لمرشحين، ولا نصائح بشأن من ينبغي انتخابه. يقول طارق، أحد المنظمين: «نريد أن يصوّت "
                "الناس، لا أن يصوّتوا كما نريد».</p>"
                "<h2>أكثر ما سأل عنه الطلاب</h2>"
                "<ul><li>هل يمكنني التسجيل حيث أدرس، أم في مكان إقامة عائلتي فقط؟</li>"
                "<li>ماذا لو كان العنوان في بطاقة هويتي قديمًا؟</li>"
                "<li>كيف أتأكد من أن اسمي أُضيف فعلًا إلى القائمة؟</li>"
                "</ul>"
                "<p>وقد رُوجعت كل إجابة على القواعد المنشورة للهيئة الانتخابية قبل إدراجها في "
                "الدليل، الذي بات يُتداول الآن في كليات أخرى.</p>"
                "<blockquote><p>لا تبدأ الديمقراطية يوم الاقتراع، بل حين يساعد أحدهم جاره على "
                "الوصول إلى المكتب الصحيح.</p>"
                "</blockquote>"
                "<p>تستمر الحملة حتى إغلاق باب التسجيل. وبحسب إحصاء المنظمين، سجّل أكثر من أربعمئة "
                "طالب أو حدّثوا بياناتهم حتى الآن. ويدعم التحالف مبادرات مماثلة في بلدتين أخريين، "
                "ويمكن لكل من يرغب في إطلاق مبادرة شبيهة أن يطلب دليل الطلاب عبر "
                '<a href="https://example.org/register">صفحة التسجيل</a>.</p>'
            ),
            "hero_alt": (
                "رسم تجريدي: تدرّج بلون الرمل والمغرة مع دوائر صفراء ناعمة وأقواس بيضاء رفيعة."
            ),
            "hero_caption": "تبدأ الديمقراطية قبل يوم الاقتراع بوقت طويل.",
        },
        "en": {
            "title": "First-time voters: a registration drive run by students",
            "slug": "first-time-voters-registration-drive",
            "summary": (
                "Students at the Al-Rayhan technical college set out to help every eligible "
                "classmate register to vote, with accurate information and no party colours."
            ),
            "body": (
                "<p>Last year, only a third of the students at the Al-Rayhan technical college who "
                "were old enough to vote were on the electoral register. Most of the others were "
                "not indifferent. They simply did not know where to go, which documents to bring, "
                "or that registration closes months before election day. A group of second-year "
                "students decided to fix that.</p>"
                "<h2>A table in the courtyard</h2>"
                "<p>Their method is modest. Twice a week they set up a table in the college "
                "courtyard with printed guides, a list of registration offices and their opening "
                "hours, and a calendar of deadlines. They answer questions and, for anyone who "
                "wants it, walk with classmates to the nearest office after lectures. They take "
                "turns at the table around their timetables, so nobody misses a class.</p>"
                "<p>From the start the volunteers agreed on one firm rule: no party colours, no "
                "candidates' leaflets and no advice on whom to vote for. \"We want people to vote, "
                'not to vote our way," says Tarek, one of the organisers.</p>'
                "<h2>What students asked most</h2>"
                "<ul><li>Can I register where I study, or only where my family lives?</li>"
                "<li>What happens if my identity card shows an old address?</li>"
                "<li>How can I check that my name was actually added?</li>"
                "</ul>"
                "<p>Each answer was checked against the electoral commission's published rules "
                "before it went into the guide, which now circulates in other colleges too.</p>"
                "<blockquote><p>Democracy does not start on election day. It starts when someone "
                "helps a neighbour find the right office.</p>"
                "</blockquote>"
                "<p>The drive continues until registration closes. By the organisers' count, more "
                "than four hundred students have already registered or updated their details. The "
                "coalition is supporting similar efforts in two more towns, and anyone who wants "
                "to start one can request the students' guide from "
                '<a href="https://example.org/register">our registration page</a>.</p>'
            ),
            "hero_alt": (
                "Abstract illustration: a sand and ochre gradient with soft yellow circles and "
                "thin white arcs."
            ),
            "hero_caption": "Democracy starts well before election day.",
        },
        "hero_credit": "Coalition design desk",
        "authors": ["karim-nasser"],
        "topics": ["elections"],
        "days_ago": -3,
        "featured": False,
    },
    {
        "ar": {
            "title": "إذاعة الوادي: حين يصبح الخبر المحلي شأنًا عامًا",
            "slug": "إذاعة-الوادي",
            "summary": (
                "في وادي السنابل تبثّ إذاعة مجتمعية صغيرة يديرها متطوعون ساعتين كل مساء. هكذا كسبت "
                "ثقة مستمعيها بالتحقق والإنصاف."
            ),
            "body": (
                "<p>من غرفة صغيرة فوق مكتبة البلدة، تبثّ «إذاعة الوادي» ساعتين كل مساء. لا تملك "
                "المحطة سوى ميكروفونين وجهاز إرسال متواضع، ويديرها اثنا عشر متطوعًا بينهم معلّمون "
                "وطلاب وموظف بريد متقاعد. ومع ذلك صارت في غضون عامين المصدرَ الأول لأخبار وادي "
                "السنابل عند كثير من سكانه.</p>"
                "<h2>الثقة تُبنى ببطء</h2>"
                "<p>تقول مديرة المحطة نوال إن القاعدة الأولى التي وضعها الفريق بسيطة: لا يُذاع خبر "
                "قبل التحقق منه من مصدرين مستقلين، وإذا تعذّر ذلك قال المذيع صراحةً إن الخبر لم "
                "يتأكد بعد. وتضيف: «خسرنا بعض السبق، لكننا كسبنا ثقة الناس، وهي أثمن». كما تذيع "
                "المحطة تصحيحاتها في الموعد نفسه الذي بثّت فيه الخبر الخاطئ، وتعدّ ذلك مدعاة فخر "
                "لا حرج.</p>"
                "<p>وتخصص المحطة نصف ساعة أسبوعيًا لجلسات المجلس البلدي، تلخّص فيها القرارات "
                "وتستضيف عضوًا من المجلس ومواطنًا من الحيّ المعني لمناقشتها، مع الحرص على منح "
                "الطرفين وقتًا متساويًا.</p>"
                "<h2>ما تعلّمناه من تجربتهم</h2>"
                "<ul><li>الصحافة المحلية لا تحتاج إلى ميزانيات ضخمة، بل إلى التزام بالدقة "
                "والإنصاف.</li>"
                "<li>الفصل الواضح بين الخبر والرأي يحمي المحطة من تهمة الانحياز.</li>"
                "<li>فتح الهواء لأسئلة المستمعين يجعل المسؤولين أكثر استعدادًا للشرح والتوضيح.</li>"
                "</ul>"
                "<blockquote><p>«حين يسمع الناس أصواتهم على الهواء، يشعرون بأن البلدة بلدتهم»، "
                "يقول أحد المتطوعين.</p>"
                "</blockquote>"
                "<p>غير أن مستقبل المحطة ليس مضمونًا؛ فمسودة لائحة التصاريح الصحفية المطروحة "
                "للنقاش قد تُلزم متطوعيها بتراخيص فردية لا طاقة لهم بها، وهو ما تناولناه في مقالنا "
                'عن <a href="/ar/articles/الصحفيون-المحليون-والحماية/">حاجة الصحفيين المحليين إلى '
                "الحماية لا إلى التصاريح</a>. ونحن ندعو إلى استثناء الإعلام المجتمعي غير الربحي من "
                "أي نظام ترخيص، والاكتفاء بالتزامه بمدونة سلوك مهنية معلنة.</p>"
                "<p>وإلى أن يُحسم ذلك، تواصل «إذاعة الوادي» بثها كل مساء في السابعة، كما فعلت منذ "
                "يومها الأول.</p>"
            ),
            "hero_alt": (
                "رسم تجريدي: تلال بنفسجية متدرجة تحت شمس شاحبة، مع دوائر ناعمة بلون الخزامى."
            ),
            "hero_caption": "ميكروفونان وجهاز إرسال متواضع، وثقة بُنيت خبرًا بعد خبر.",
        },
        "en": None,
        "hero_credit": "مكتب التصميم في التحالف",
        "authors": ["salma-haddad"],
        "topics": ["press-freedom"],
        "days_ago": 15,
        "featured": True,
    },
    {
        "ar": {
            "title": "حق الزيارة: دليل مختصر لعائلات المحتجزين",
            "slug": "دليل-الزيارة-لعائلات-المحتجزين",
            "summary": (
                "زيارة المحتجز حقّ له ولأسرته، لا منّة من إدارة السجن. يشرح هذا الدليل الحقوق "
                "الأساسية والخطوات العملية، وما يمكن فعله إذا رُفضت الزيارة."
            ),
            "body": (
                "<p>تتصل بنا عائلات كثيرة في الأيام الأولى بعد احتجاز أحد أفرادها، وأول ما تسأل "
                "عنه: متى نراه؟ وكيف؟ لذلك أعددنا هذا الدليل المختصر بالتعاون مع محامين متطوعين، "
                "ليكون في متناول كل أسرة تواجه هذا الموقف للمرة الأولى.</p>"
                "<h2>حقوق أساسية</h2>"
                "<p>للمحتجز الحق في إبلاغ أسرته بمكان احتجازه دون إبطاء، وفي تلقي الزيارات بانتظام "
                "وفق مواعيد معلنة. ولا يجوز أن يُستخدم منع الزيارة عقوبةً أو وسيلة ضغط، ولا أن "
                "تُقيَّد إلا لأسباب محددة ومكتوبة ولمدة معقولة.</p>"
                "<h2>خطوات عملية</h2>"
                "<ol><li>اطلبوا من إدارة مكان الاحتجاز جدول الزيارات المعتمد، مكتوبًا إن أمكن.</li>"
                "<li>احملوا ما يثبت صلة القرابة، ونسخة من أي قرار قضائي يتعلق بالاحتجاز.</li>"
                "<li>دوّنوا تاريخ كل زيارة ومدتها، وأي صعوبات واجهتموها.</li>"
                "<li>إذا رُفضت الزيارة، فاسألوا عن السبب وعمّن أصدر القرار، وسجّلوا ذلك.</li>"
                "<li>تواصلوا مع محامي المحتجز أو مع مكتبنا القانوني لتقديم شكوى رسمية.</li>"
                "</ol>"
                "<p>كثيرًا ما تُحلّ المشكلة بطلب مكتوب مهذب يستند إلى النصوص القانونية، دون حاجة "
                "إلى التصعيد. والتوثيق الدقيق يجعل أي شكوى لاحقة أقوى بكثير؛ لذا احرصوا على أن "
                "يكون كل طلب مؤرخًا، واحتفظوا بنسخة منه أو بإيصال استلامه.</p>"
                "<h2>ولا تنسوا أنفسكم</h2>"
                "<p>احتجاز أحد أفراد الأسرة تجربة مرهقة، ولا سيما للأطفال. ننصح العائلات بأن تشرح "
                "للصغار ما يجري بكلمات بسيطة وصادقة، وبأن تتقاسم أعباء المتابعة بدل أن يحملها فرد "
                "واحد. وتنظّم شبكة من المتطوعات لقاءً شهريًا تتبادل فيه العائلات التجارب "
                "وتتساند.</p>"
                "<blockquote><p>الزيارة ليست تفصيلًا إداريًا؛ إنها الخيط الذي يبقي المحتجز موصولًا "
                "بحياته وبمن يحبّهم.</p>"
                "</blockquote>"
                "<p>وإن كان قريبكم قد احتُجز بسبب رأي عبّر عنه سلميًا، فبإمكانكم أيضًا أن تطلبوا "
                'ضمّه إلى <a href="/ar/articles/رسائل-تصل-إلى-سجناء-الرأي/">برنامج الرسائل</a> '
                "الذي يخفف عزلة المحتجزين بموافقة عائلاتهم.</p>"
            ),
            "hero_alt": (
                "رسم تجريدي: تدرّج أخضر نعناعي مع دوائر ضبابية وخطوط بيضاء مائلة رفيعة وحلقة بيضاء."
            ),
            "hero_caption": "الزيارة هي الخيط الذي يصل المحتجز بمن يحبّهم.",
        },
        "en": None,
        "hero_credit": "مكتب التصميم في التحالف",
        "authors": ["youssef-mansour"],
        "topics": ["detainees-rights"],
        "days_ago": 26,
        "featured": False,
    },
    {
        "ar": None,
        "en": {
            "title": "Securing your phone before a public event",
            "slug": "securing-your-phone-before-a-public-event",
            "summary": (
                "Observers, reporters and stewards carry their phones into crowded places. A short "
                "routine the evening before protects the people in your contact list."
            ),
            "body": (
                "<p>At any public event, whether a council hearing, a vigil or a street gathering, "
                "phones are everywhere. They let observers document what happens and help stewards "
                "stay in touch. They also hold contact lists, private conversations and photos of "
                "people who never agreed to be identified. A few minutes of preparation the "
                "evening before can protect all of that.</p>"
                "<h2>The evening-before routine</h2>"
                "<ol><li>Charge your phone fully and pack a small battery.</li>"
                "<li>Check that your screen lock is a long PIN or passphrase, and turn off "
                "fingerprint or face unlocking for the day.</li>"
                "<li>Back up your photos and messages, then remove from the phone anything you "
                "will not need at the event.</li>"
                "<li>Log out of accounts you will not use, especially social media.</li>"
                "<li>Write an emergency number, such as our legal desk's, on paper and keep it in "
                "your pocket.</li>"
                "</ol>"
                "<h2>During the event</h2>"
                "<p>Photograph what matters, but be careful with faces. Wide shots of a crowd are "
                "usually enough to show its size and its peaceful character. If you need to record "
                "an incident, focus on what is happening rather than on bystanders.</p>"
                '<p>Keep group chats short and factual. A message such as "the north gate is '
                'closed, use the side street" helps everyone; speculation and rumours do not.</p>'
                "<h3>Afterwards</h3>"
                "<p>Move your footage to a secure place the same day and review it before sharing "
                "anything. Blur the faces of people who are not public figures, and strip location "
                "data from the files. Our "
                '<a href="/en/articles/digital-safety-basics-for-volunteers/">digital safety '
                "basics</a> explain how to set this up once so that it becomes routine.</p>"
                "<blockquote><p>The aim is not to be afraid of your phone. It is to make sure that "
                "what you carry protects the people around you.</p>"
                "</blockquote>"
            ),
            "hero_alt": (
                "Abstract illustration: a dusty-rose and coral gradient with blurred circles and "
                "thin white concentric arcs."
            ),
            "hero_caption": "What you carry should protect the people around you.",
        },
        "hero_credit": "Coalition design desk",
        "authors": ["nadia-rahal"],
        "topics": ["civic-freedoms", "press-freedom"],
        "days_ago": 7,
        "featured": True,
    },
    {
        "ar": None,
        "en": {
            "title": "Open results data: why observers ask for spreadsheets, not just speeches",
            "slug": "open-results-data-for-observers",
            "summary": (
                "When results are published station by station in an open format, anyone can check "
                "them. What we ask electoral authorities to publish, and why."
            ),
            "body": (
                "<p>On election night, results are usually announced as totals: a percentage for "
                "each list, a number of seats, a turnout figure. Those totals matter, but on their "
                "own they cannot be checked. What allows citizens and observers to verify an "
                "election is the detail behind them: the result of every single polling "
                "station.</p>"
                "<h2>What we ask for</h2>"
                "<p>Our coalition asks the electoral commission to publish, within forty-eight "
                "hours of the close of polls:</p>"
                "<ul><li>results for each polling station, not only for each district;</li>"
                "<li>the number of registered voters, ballots cast and invalid ballots at each "
                "station;</li>"
                "<li>scanned copies of the signed result sheets;</li>"
                "<li>all of it in an open, machine-readable format such as CSV, alongside the "
                "usual PDF.</li>"
                "</ul>"
                "<h2>Why the format matters</h2>"
                "<p>A table printed in a PDF can be read, but it cannot easily be analysed. With "
                "an open file, a volunteer with an ordinary laptop can compare the official "
                "figures with the result sheets our observers photographed, spot stations where "
                "turnout seems to exceed the number of registered voters, or check that district "
                "totals add up. Most problems found this way turn out to be honest mistakes, and "
                "open data lets them be corrected quickly and in public.</p>"
                '<blockquote><p>Open data does not assume bad faith. It replaces "trust us" with '
                '"check for yourself", which serves everyone, including the officials who did '
                "their job well.</p>"
                "</blockquote>"
                "<h3>What happened last time</h3>"
                "<p>After the last general elections, the commission published station-level "
                "results for the first time, though only as scanned images. Our volunteers typed "
                "them up over a weekend and found three stations where two candidates' figures had "
                "been swapped. All three were corrected within a week, with a public note "
                "explaining the error.</p>"
                "<p>That check was possible only because observers had photographed the result "
                "sheet posted at each station, the last item on "
                '<a href="/en/articles/a-fair-count-in-eight-questions/">our observers\' '
                "checklist</a>. Small procedures, followed everywhere, add up to trust.</p>"
            ),
            "hero_alt": (
                "Abstract illustration: slate-blue hills in layers under a pale sun, with soft "
                "blue circles in the sky."
            ),
            "hero_caption": "Station-level results let anyone check the totals.",
        },
        "hero_credit": "Coalition design desk",
        "authors": ["karim-nasser", "nadia-rahal"],
        "topics": ["elections"],
        "days_ago": 41,
        "featured": False,
    },
]

CAMPAIGN = {
    "slug_ar": "انضموا-إلى-الحركة",
    "slug_en": "join-the-movement",
    "title_ar": "انضموا إلى الحركة العالمية من أجل الحريات المدنية",
    "title_en": "Join the global movement for civic freedoms",
    "summary_ar": (
        "أضيفوا أسماءكم إلى المواطنين الذين يطالبون بانتخابات نزيهة وصحافة حرّة وحقٍّ مصون في التجمع."
    ),
    "summary_en": (
        "Add your name to the citizens asking for fair elections, a free press and a "
        "protected right to assemble."
    ),
    "body_ar": (
        "<p>نؤمن بأن التغيير يبدأ حين يعرف الناس أنهم ليسوا وحدهم. كل توقيع يضيف صوتًا إلى "
        "رسالتنا الموجّهة إلى المجالس المنتخبة: افتحوا الميزانيات، واحموا الصحفيين، واتركوا "
        "المواطنين يجتمعون بسلام.</p>"
        "<p>لا نشارك بياناتكم مع أي جهة، ولا نعلن أسماء الموقّعين. يمكنكم المغادرة أو محو "
        "بياناتكم في أي وقت بنقرة واحدة.</p>"
    ),
    "body_en": (
        "<p>Change begins when people know they are not alone. Every signature adds a voice to "
        "our message to elected councils: open the budgets, protect journalists, and let "
        "citizens meet in peace.</p>"
        "<p>We share your details with no one and never publish the names of those who sign. "
        "You can leave, or have your data erased, at any time with one click.</p>"
    ),
    "button_label_ar": "أضيفوا توقيعكم",
    "button_label_en": "Add my name",
    "consent_text_ar": (
        "أوافق على أن يراسلني التحالف بشأن هذه الحملة، وأعلم أنني أستطيع المغادرة متى شئت."
    ),
    "consent_text_en": (
        "I agree that the coalition may email me about this campaign, and I know I can leave "
        "at any time."
    ),
    "thank_you_text_ar": "شكرًا لكم. صوتكم يُحدث فرقًا.",
    "thank_you_text_en": "Thank you. Your voice makes a difference.",
    "goal": 5000,
}
