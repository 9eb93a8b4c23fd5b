"""Fill an empty database with a newsroom's worth of rows for load tests (`make bench`).

    manage.py generate_load_data --articles 100000 --signups 1000000 [--seed 1]

Articles of ~1,200 Arabic and ~1,000 English words, built from the sentences below (some articles
Arabic-only, a few English-only, a few drafts and scheduled ones); a few hundred authors, 1-3 per
article; a few dozen topics, the first holding ~37% of the articles; a handful of pictures made
once through the real image pipeline and shared by ~70% of the articles; three campaigns, and the
signups on the first. Rows are written in batches (COPY on PostgreSQL), with the columns the
models derive on save() filled the same way: languages available, slugs, search vectors
(computed by PostgreSQL in one statement per batch, with the weights and configurations of
articles.search.vectors), last source, the campaign's confirmed count.

Words planted for searches (SEARCH_WORDS): حرية / freedom in every article, الفسيفساء / mosaic
in 20, الأسطرلاب / astrolabe in 1, and المنطاد / zeppelin in none.
"""

import itertools
import json
import queue
import random
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from urllib.parse import unquote

import psycopg
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from psycopg import sql

from articles import search
from articles.models import Article, Author, Byline, Topic, make_renditions, set_prepared_names
from campaigns.models import Campaign, Signup, SignupTally, new_link_id
from newsroom.management.commands.load_demo_content import hero_jpeg

SEARCH_WORDS = {  # how many articles hold them: (Arabic, English)
    "every": ("حرية", "freedom"),
    "twenty": ("الفسيفساء", "mosaic"),
    "one": ("الأسطرلاب", "astrolabe"),
    "none": ("المنطاد", "zeppelin"),
}
RARE_ARTICLES = 20
WORDS = {"ar": (1100, 1300), "en": (900, 1100)}  # body length, in words
LANGUAGES = ("ar", "en")
ARTICLE_BATCH = 500
SIGNUP_BATCH = 50_000
YEARS = 8  # publication times spread over this many years before now

# --- Text: each pair is one sentence in Arabic and in English --------------------------------

# Every body opens with one of these: each holds the word planted in every article.
LEADS = [
    (
        "يتناول هذا التقرير واقع حرية التعبير والتجمع في {place} خلال الأشهر الماضية.",
        "This report looks at freedom of expression and assembly in {place} over the past months.",
    ),
    (
        "تبقى حرية الصحافة في {place} رهينة قوانين فضفاضة وتطبيق انتقائي.",
        "Press freedom in {place} remains hostage to vague laws and selective enforcement.",
    ),
    (
        "يتساءل السكان في {place} عن حدود حرية العمل المدني بعد موجة جديدة من القيود.",
        "Residents of {place} are asking where the limits of civic freedom lie after a new wave "
        "of restrictions.",
    ),
    (
        "لا تكتمل حرية الاختيار في أي انتخابات من دون رقابة مستقلة على مراحلها كلها.",
        "Freedom of choice in any election is incomplete without independent oversight of every "
        "stage.",
    ),
    (
        "تحمل الأسابيع المقبلة اختبارًا جديدًا أمام حرية التنظيم في {place}.",
        "The coming weeks bring a new test for the freedom to organise in {place}.",
    ),
    (
        "يرصد فريقنا منذ سنوات كيف تتسع حرية الناس في {place} أو تضيق.",
        "For years our team has tracked how people's freedom in {place} widens or narrows.",
    ),
]
OPENERS = [
    ("وفي سياق متصل،", "In a related development,"),
    ("ومن جهة أخرى،", "On the other hand,"),
    ("وبحسب شهادات جمعها فريق الرصد،", "According to testimonies gathered by the monitoring team,"),
    ("وفي الأسابيع الأخيرة،", "In recent weeks,"),
    ("ورغم القيود المفروضة،", "Despite the restrictions in place,"),
    ("وعلى الصعيد المحلي،", "At the local level,"),
    ("ووفقًا لتقرير صدر حديثًا،", "According to a recent report,"),
    ("وفي المقابل،", "By contrast,"),
    ("ومنذ مطلع العام،", "Since the start of the year,"),
    ("وفي هذا الإطار،", "In this context,"),
    ("وخلال الجلسة الأخيرة،", "During the last session,"),
]
CLAUSES = [
    (
        "أكد المراقبون المستقلون أن مراكز الاقتراع في {place} فتحت أبوابها متأخرة عن موعدها "
        "المعلن.",
        "independent observers confirmed that polling stations in {place} opened later than "
        "announced.",
    ),
    (
        "طالبت منظمات المجتمع المدني بالإفراج الفوري عن الصحفيين المحتجزين دون محاكمة.",
        "civil society organisations called for the immediate release of journalists held "
        "without trial.",
    ),
    (
        "وثّق فريق الرصد {number} حالة منع من دخول مراكز الاقتراع في يوم واحد.",
        "the monitoring team documented {number} cases of voters turned away from polling "
        "stations in a single day.",
    ),
    (
        "ناقش أعضاء المجلس البلدي في {place} مشروع الميزانية في جلسة علنية حضرها عشرات السكان.",
        "members of the municipal council in {place} debated the draft budget in a public "
        "session attended by dozens of residents.",
    ),
    (
        "تقول المحامية إن موكليها لم يُبلَّغوا بالتهم الموجهة إليهم إلا بعد أسابيع من توقيفهم.",
        "the lawyer says her clients were not told of the charges against them until weeks after "
        "their arrest.",
    ),
    (
        "يرى الباحثون أن حرية الصحافة شرط أساسي لأي انتخابات نزيهة.",
        "researchers argue that press freedom is a precondition for any fair election.",
    ),
    (
        "نظمت لجان الأحياء ورش عمل لتدريب المتطوعين على مراقبة فرز الأصوات.",
        "neighbourhood committees held workshops to train volunteers in observing the count.",
    ),
    (
        "أفاد شهود عيان بأن قوات الأمن فرّقت اعتصامًا سلميًا أمام مبنى المحكمة.",
        "eyewitnesses reported that security forces broke up a peaceful sit-in outside the "
        "courthouse.",
    ),
    (
        "أصدرت الهيئة المستقلة للانتخابات بيانًا تعهدت فيه بنشر النتائج مفصلة بحسب كل مركز اقتراع.",
        "the independent electoral commission pledged to publish the results broken down by "
        "polling station.",
    ),
    (
        "تشير الأرقام الرسمية إلى أن نسبة المشاركة لم تتجاوز {number} في المئة.",
        "official figures show that turnout did not exceed {number} percent.",
    ),
    (
        "دعا التحالف إلى تعديل قانون الجمعيات بما يضمن حق التنظيم دون إذن مسبق.",
        "the coalition called for the law on associations to guarantee the right to organise "
        "without prior permission.",
    ),
    (
        "تعرضت مواقع إخبارية مستقلة للحجب بعد نشرها تحقيقات عن صفقات عامة.",
        "independent news sites were blocked after publishing investigations into public "
        "contracts.",
    ),
    (
        "يحق لكل مواطن الاطلاع على المعلومات المتعلقة بإنفاق المال العام.",
        "every citizen has the right to know how public money is spent.",
    ),
    (
        "قالت إحدى المتطوعات إن الخوف من الملاحقة يمنع كثيرين من الإدلاء بشهاداتهم.",
        "one volunteer said that fear of prosecution keeps many people from giving testimony.",
    ),
    (
        "خصصت الحكومة جزءًا ضئيلًا من ميزانية مدينة {place} لخدمات المياه والصرف الصحي.",
        "the government set aside only a small share of the budget of {place} for water and "
        "sanitation.",
    ),
    (
        "تطالب النقابات المستقلة بالاعتراف القانوني بها وبحقها في التفاوض الجماعي.",
        "independent unions are demanding legal recognition and the right to bargain collectively.",
    ),
    (
        "أوضح التقرير أن {number} معتقلًا سياسيًا ما زالوا ينتظرون محاكمتهم.",
        "the report noted that {number} political detainees are still awaiting trial.",
    ),
    (
        "شارك مئات الطلاب في نقاش مفتوح حول مستقبل العمل السياسي في الجامعات.",
        "hundreds of students joined an open debate on the future of political life on campus.",
    ),
    (
        "يكفل الدستور حرية التعبير، غير أن التطبيق ما زال بعيدًا عن النص.",
        "the constitution guarantees freedom of expression, yet practice still falls short of "
        "the text.",
    ),
    (
        "رصدت المنظمة ارتفاعًا في عدد الشكاوى المتعلقة بالتمييز في التوظيف.",
        "the organisation recorded a rise in complaints about discrimination in hiring.",
    ),
    (
        "عقدت المرشحات لقاءً تشاوريًا لتنسيق حملاتهن في {place}.",
        "women candidates met to coordinate their campaigns in {place}.",
    ),
    (
        "يخشى الناشطون أن يُستخدم قانون الجرائم الإلكترونية لإسكات المنتقدين.",
        "activists fear that the cybercrime law will be used to silence critics.",
    ),
    (
        "نشرت الجمعية دليلًا مبسطًا يشرح للناخبين خطوات تقديم الطعون.",
        "the association published a plain guide explaining to voters how to file complaints.",
    ),
    (
        "أكدت عائلات المفقودين أنها لن تتوقف عن المطالبة بالحقيقة والعدالة.",
        "the families of the disappeared said they would not stop demanding truth and justice.",
    ),
    (
        "ارتفعت أسعار الخبز والوقود بنسبة {number} في المئة منذ بداية العام.",
        "the price of bread and fuel has risen by {number} percent since the start of the year.",
    ),
    (
        "يرى خبراء القانون أن استقلال القضاء هو الضمانة الأولى للحقوق والحريات.",
        "legal experts see an independent judiciary as the first guarantee of rights and freedoms.",
    ),
    (
        "وزع المتطوعون منشورات تعريفية بحقوق الموقوفين أمام مراكز الشرطة.",
        "volunteers handed out leaflets on the rights of detainees outside police stations.",
    ),
    (
        "أعلنت البلدية عن جلسات استماع شهرية يشارك فيها السكان بأسئلتهم ومقترحاتهم.",
        "the municipality announced monthly hearings where residents can bring their questions "
        "and proposals.",
    ),
    (
        "تواجه الصحفيات مضايقات متزايدة على وسائل التواصل الاجتماعي.",
        "women journalists face growing harassment on social media.",
    ),
    (
        "طالب المرصد بنشر محاضر الفرز كاملة في كل الدوائر الانتخابية.",
        "the observatory demanded that full tally sheets be published for every constituency.",
    ),
    (
        "يعمل {number} متطوعًا في {place} على توثيق الانتهاكات وإحالتها إلى المحامين.",
        "{number} volunteers in {place} are documenting abuses and referring them to lawyers.",
    ),
    (
        "لا يمكن بناء الثقة بالمؤسسات من دون مساءلة حقيقية للمسؤولين.",
        "trust in institutions cannot be built without real accountability for officials.",
    ),
    (
        "تحدث المشاركون عن أهمية حماية البيانات الشخصية للناشطين والمصادر.",
        "participants spoke about protecting the personal data of activists and sources.",
    ),
    (
        "أُغلق مكتب الجمعية في {place} بقرار إداري لم يذكر أي سبب.",
        "the association's office in {place} was closed by an administrative order that gave no "
        "reason.",
    ),
    (
        "يسعى التحالف إلى إشراك الشباب في صياغة السياسات المحلية.",
        "the coalition seeks to involve young people in shaping local policy.",
    ),
    (
        "اعتبر المراقبون أن الحملة الانتخابية جرت في مناخ من التضييق على حرية التجمع.",
        "observers found that the campaign took place amid restrictions on freedom of assembly.",
    ),
    (
        "استمعت اللجنة البرلمانية في جلسة مغلقة إلى شهادات ذوي الضحايا.",
        "the parliamentary committee heard the victims' families in a closed session.",
    ),
    (
        "قدّم المحامون طعنًا في دستورية المادة التي تجرّم نشر الأخبار الكاذبة.",
        "lawyers challenged the constitutionality of the article that criminalises false news.",
    ),
    (
        "تعتمد الصحف المستقلة في {place} على اشتراكات القراء لتبقى بعيدة عن التمويل المشروط.",
        "independent newspapers in {place} rely on reader subscriptions to stay clear of "
        "conditional funding.",
    ),
    (
        "أشار التقرير إلى أن النساء يشغلن {number} في المئة فقط من مقاعد المجالس المحلية.",
        "the report pointed out that women hold only {number} percent of local council seats.",
    ),
]
RARE_SENTENCE = (
    "وزيّن المتطوعون جدار المدرسة بلوحة من الفسيفساء تحمل أسماء المعتقلين.",
    "Volunteers decorated the school wall with a mosaic bearing the names of the detainees.",
)
UNIQUE_SENTENCE = (
    "وعرض المتحف المحلي الأسطرلاب النحاسي الذي أهدته إحدى العائلات إلى المدينة.",
    "The local museum put on display the brass astrolabe a family had given to the town.",
)
HEADINGS = [
    ("ما الذي حدث؟", "What happened?"),
    ("شهادات من الميدان", "Voices from the ground"),
    ("الإطار القانوني", "The legal framework"),
    ("ماذا تقول الأرقام؟", "What the figures say"),
    ("ما المطلوب الآن؟", "What needs to happen now"),
    ("ردود الجهات الرسمية", "The official response"),
]
TITLES = [
    ("{topic}: ما الذي تغير في {place}؟", "{topic}: what has changed in {place}?"),
    ("مراقبون يوثقون مخالفات جديدة في {place}", "Observers document new violations in {place}"),
    ("أسئلة مفتوحة حول {topic} في {place}", "Open questions on {topic_lower} in {place}"),
    (
        "كيف يدافع سكان {place} عن حقهم في المعلومة",
        "How residents of {place} defend their right to information",
    ),
    (
        "شهادات من {place}: {topic} تحت الضغط",
        "Testimonies from {place}: {topic_lower} under pressure",
    ),
    (
        "تقرير جديد يرصد واقع {topic} في {place}",
        "New report maps the state of {topic_lower} in {place}",
    ),
    (
        "لجان الأحياء في {place} تطالب بالمساءلة",
        "Neighbourhood committees in {place} demand accountability",
    ),
    ("{topic} في {place}: خمسة أسئلة وأجوبتها", "{topic} in {place}: five questions answered"),
    ("ما بعد القرار: {topic} في {place}", "After the decision: {topic_lower} in {place}"),
    (
        "متطوعون في {place} يتعلمون مراقبة الإنفاق العام",
        "Volunteers in {place} learn to watch public spending",
    ),
]
SUMMARIES = [
    (
        "شهادات من {place} ترسم صورة دقيقة لواقع {topic} اليوم.",
        "Testimonies from {place} draw a precise picture of {topic_lower} today.",
    ),
    (
        "ما الذي تغير في {place}، وما الذي يطالب به الناس بشأن {topic}؟",
        "What has changed in {place}, and what people are asking for on {topic_lower}.",
    ),
    (
        "تقرير ميداني من {place} يتتبع أثر القرارات الأخيرة في {topic}.",
        "A field report from {place} traces the effect of recent decisions on {topic_lower}.",
    ),
    (
        "قراءة في الأرقام والوقائع التي جمعها المتطوعون في {place}.",
        "A reading of the figures and facts gathered by volunteers in {place}.",
    ),
    (
        "أسئلة وأجوبة حول {topic} من واقع التجربة في {place}.",
        "Questions and answers on {topic_lower}, drawn from experience in {place}.",
    ),
]
PLACES = [
    ("تونس", "Tunis"),
    ("بيروت", "Beirut"),
    ("عمّان", "Amman"),
    ("الخرطوم", "Khartoum"),
    ("الرباط", "Rabat"),
    ("بغداد", "Baghdad"),
    ("الإسكندرية", "Alexandria"),
    ("صفاقس", "Sfax"),
    ("طرابلس", "Tripoli"),
    ("إربد", "Irbid"),
    ("الموصل", "Mosul"),
    ("وهران", "Oran"),
    ("حلب", "Aleppo"),
    ("أسوان", "Aswan"),
    ("فاس", "Fez"),
    ("صيدا", "Sidon"),
]
TOPICS = [  # the first one holds ~37% of the articles
    ("الانتخابات", "Elections"),
    ("حرية الصحافة", "Press freedom"),
    ("المعتقلون السياسيون", "Political detainees"),
    ("حقوق المرأة", "Women's rights"),
    ("الحقوق الرقمية", "Digital rights"),
    ("الحكم المحلي", "Local government"),
    ("حقوق العمال", "Workers' rights"),
    ("استقلال القضاء", "Judicial independence"),
    ("مكافحة الفساد", "Anti-corruption"),
    ("حرية التجمع", "Freedom of assembly"),
    ("اللاجئون والهجرة", "Refugees and migration"),
    ("البيئة", "Environment"),
    ("التعليم", "Education"),
    ("الصحة", "Health"),
    ("السكن", "Housing"),
    ("الشباب", "Youth"),
    ("الدستور", "The constitution"),
    ("حقوق الأقليات", "Minority rights"),
    ("مناهضة التعذيب", "Preventing torture"),
    ("حرية التعبير", "Freedom of expression"),
    ("النقابات", "Trade unions"),
    ("الشفافية", "Transparency"),
    ("الميزانية العامة", "Public budget"),
    ("مساءلة الشرطة", "Police accountability"),
    ("الرقابة على الإنترنت", "Internet censorship"),
    ("المراقبة الرقمية", "Digital surveillance"),
    ("الحق في المعلومة", "Right to information"),
    ("المياه", "Water"),
    ("حقوق الأرض", "Land rights"),
    ("حقوق ذوي الإعاقة", "Disability rights"),
    ("المجتمع المدني", "Civil society"),
    ("العدالة الانتقالية", "Transitional justice"),
    ("البرلمان", "Parliament"),
    ("الانتخابات البلدية", "Municipal elections"),
    ("تمويل الحملات", "Campaign finance"),
    ("التربية الإعلامية", "Media literacy"),
]
FIRST_NAMES = [
    ("ليلى", "Leila"),
    ("عمر", "Omar"),
    ("سارة", "Sara"),
    ("يوسف", "Youssef"),
    ("رنا", "Rana"),
    ("كريم", "Karim"),
    ("هدى", "Huda"),
    ("سامي", "Sami"),
    ("نادية", "Nadia"),
    ("طارق", "Tarek"),
    ("منى", "Mona"),
    ("خالد", "Khaled"),
    ("ريم", "Reem"),
    ("حسن", "Hassan"),
    ("دينا", "Dina"),
    ("مازن", "Mazen"),
    ("سلمى", "Salma"),
    ("وائل", "Wael"),
    ("لينا", "Lina"),
    ("زياد", "Ziad"),
    ("ياسمين", "Yasmine"),
    ("أنس", "Anas"),
    ("جمانة", "Joumana"),
    ("باسل", "Basel"),
]
FAMILY_NAMES = [
    ("الحسيني", "Al-Husseini"),
    ("حداد", "Haddad"),
    ("الخطيب", "Al-Khatib"),
    ("بن علي", "Ben Ali"),
    ("المصري", "El-Masri"),
    ("منصور", "Mansour"),
    ("الشامي", "Al-Shami"),
    ("يونس", "Younes"),
    ("عيسى", "Issa"),
    ("قاسم", "Kassem"),
    ("سليمان", "Suleiman"),
    ("الزين", "El-Zein"),
    ("عبد الله", "Abdallah"),
    ("الطويل", "Al-Tawil"),
    ("فرح", "Farah"),
    ("نصر", "Nasr"),
    ("الجابري", "Al-Jabri"),
    ("العمري", "Al-Omari"),
    ("التونسي", "Ettounsi"),
    ("بركات", "Barakat"),
]
ROLES = [
    ("فريق الرصد", "Monitoring team"),
    ("قسم الأبحاث", "Research desk"),
    ("مكتب التحرير", "Editorial desk"),
    ("الفريق القانوني", "Legal team"),
]
# What load_demo_content.hero_jpeg draws, by index % 3: arcs, hills under a sun, strokes.
PICTURES = [
    (
        "لوحة تجريدية بتدرج لوني هادئ تعلوها أقواس بيضاء متداخلة",
        "An abstract picture in calm gradients crossed by white concentric arcs",
    ),
    (
        "تلال متدرجة الألوان تحت شمس شاحبة في رسم تجريدي",
        "Layered coloured hills under a pale sun, in an abstract drawing",
    ),
    (
        "خطوط مائلة متوازية وحلقة بيضاء على خلفية متدرجة",
        "Parallel diagonal strokes and a white ring over a soft gradient",
    ),
]
CAPTION = ("صورة توضيحية من أرشيف التحالف", "An illustration from the coalition's archive")
FOCAL_POINTS = [(0.5, 0.5), (0.3, 0.4), (0.7, 0.45), (0.5, 0.3), (0.4, 0.6), (0.6, 0.5)]
CAMPAIGNS = [  # the first, featured, gets the signups; the last closed months ago
    {
        "title": ("انضموا إلى الحركة العالمية", "Join the global movement"),
        "summary": (
            "وقّعوا لتطالبوا بانتخابات حرة ونزيهة وبحرية الصحافة في كل مكان.",
            "Sign to demand free and fair elections and press freedom everywhere.",
        ),
    },
    {
        "title": ("أطلقوا سراح الصحفيين المحتجزين", "Free the detained journalists"),
        "summary": (
            "لا مكان للصحافة في السجون: طالبوا معنا بالإفراج عنهم.",
            "Journalism does not belong in prison: call with us for their release.",
        ),
    },
    {
        "title": ("من أجل انتخابات بلدية نزيهة", "For fair municipal elections"),
        "summary": (
            "حملة انتهت: شكرًا لكل من وقّع.",
            "This campaign has ended: thank you to everyone who signed.",
        ),
    },
]
CAMPAIGN_TEXTS = {
    "button_label": ("وقّعوا", "Sign"),
    "consent_text": (
        "أوافق على أن يتواصل معي التحالف بشأن هذه الحملة، ويمكنني الانسحاب في أي وقت.",
        "I agree that the coalition may contact me about this campaign; I can leave at any time.",
    ),
    "thank_you_text": (
        "شكرًا لانضمامكم. أرسلنا إليكم رسالة لتأكيد توقيعكم.",
        "Thank you for joining. We have sent you an email to confirm your signature.",
    ),
}
COUNTRIES = {  # supporters per country, relative; "" for those who chose none
    "EG": 18, "MA": 10, "TN": 9, "DZ": 6, "JO": 7, "LB": 7, "IQ": 7, "SY": 6, "PS": 5, "SD": 5,
    "YE": 4, "LY": 3, "SA": 3, "FR": 3, "DE": 2, "GB": 2, "US": 2, "CA": 1, "": 5,
}  # fmt: skip
SOURCES = {"newsletter": 30, "whatsapp": 20, "facebook": 15, "article": 12, "x": 6, "": 17}
EMAIL_DOMAINS = ["example.org", "example.net", "example.com", "post.example", "inbox.example"]
TRANSLATED = ("title", "slug", "summary", "body", "hero_alt", "hero_caption")
SIGNUP_COLUMNS = [
    "campaign_id", "email", "full_name", "country", "phone", "language", "consent_given_at",
    "consent_text", "sources", "last_source", "created_at", "updated_at", "confirmed_at",
    "unsubscribed_at", "pending_change", "link_id",
]  # fmt: skip


@dataclass(frozen=True)
class Picture:
    name: str
    width: int
    height: int
    focal: tuple
    alt: tuple
    caption: tuple


@cache
def prepared(text):
    """search.prepare, once per distinct piece of text (sentences repeat across articles)."""
    return search.prepare(text)


def sentence(text):
    """(text, its prepared words, its word count)."""
    return text, prepared(text), len(text.split())


def fields_filled(model, columns):
    """Refuse to write rows of a model whose columns changed since this command was written: a
    column derived on save() and missed here would be silently wrong."""
    expected = {field.attname for field in model._meta.concrete_fields} - {"id"}
    if missing := expected - set(columns):
        raise CommandError(f"{model.__name__} has columns this command does not fill: {missing}")
    if unknown := set(columns) - expected - {"id"}:
        raise CommandError(f"{model.__name__} has no columns {unknown}")


def insert_rows(table, columns, rows):
    """Write rows (tuples in `columns` order): COPY on PostgreSQL, executemany elsewhere."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
            )
            with cursor.cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            adapt = connection.ops.adapt_datetimefield_value  # what the ORM stores them as
            rows = [[adapt(v) if isinstance(v, datetime) else v for v in row] for row in rows]
            names = ", ".join(map(connection.ops.quote_name, columns))
            places = ", ".join(["%s"] * len(columns))
            quoted = connection.ops.quote_name(table)
            cursor.executemany(f"INSERT INTO {quoted} ({names}) VALUES ({places})", rows)  # noqa: S608 (names from the models)


def write_articles(columns, rows, documents, bylines, topics):
    """A batch of articles with their bylines and topics, in one transaction. On PostgreSQL the
    search vectors are computed on the way in, in the same statement: what search.vectors()
    builds (each language's configuration, weights A-D in search.document()'s order)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            insert_articles_with_vectors(columns, rows, documents)
        else:  # no vectors there: the search reads the rows themselves
            insert_rows(Article._meta.db_table, columns, rows)
        insert_rows(Byline._meta.db_table, ["article_id", "author_id", "position"], bylines)
        insert_rows(Article.topics.through._meta.db_table, ["article_id", "topic_id"], topics)


def insert_articles_with_vectors(columns, rows, documents):
    """One INSERT … SELECT … FROM unnest(one array per column): the batch's text goes over once
    and is stored once, its vectors computed by PostgreSQL on the way in."""
    fields = {field.attname: field for field in Article._meta.concrete_fields}
    texts = {
        (code, weight): f"document_{code}_{weight.lower()}"
        for code in LANGUAGES
        for weight in search.WEIGHTS
    }
    kinds = [fields[column].db_type(connection) for column in columns] + ["text"] * len(texts)
    vectors = [
        sql.SQL(" || ").join(
            sql.SQL("setweight(to_tsvector({}::regconfig, COALESCE({}, '')), {})").format(
                sql.Literal(search.CONFIGS[code]),
                sql.Identifier(texts[code, weight]),
                sql.Literal(weight),
            )
            for weight in search.WEIGHTS
        )
        for code in LANGUAGES
    ]
    statement = sql.SQL(
        "INSERT INTO {table} ({columns}, search_ar, search_en) "
        "SELECT {columns}, {vector_ar}, {vector_en} FROM unnest({arrays}) AS t({columns}, {texts})"
    ).format(
        table=sql.Identifier(Article._meta.db_table),
        columns=sql.SQL(", ").join(map(sql.Identifier, columns)),
        vector_ar=vectors[0],
        vector_en=vectors[1],
        arrays=sql.SQL(", ").join(sql.SQL(f"%s::{kind}[]") for kind in kinds),
        texts=sql.SQL(", ").join(map(sql.Identifier, texts.values())),
    )
    arrays = [list(column) for column in zip(*rows, strict=True)]
    arrays += [
        [document[code][index] for document in documents]
        for code in LANGUAGES
        for index in range(len(search.WEIGHTS))
    ]
    # A server-side binding cursor: Django's own would paste the arrays into the SQL text.
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute("SET LOCAL work_mem = '64MB'")  # the batch's rows, not spilled to disk
        cursor.execute(statement, arrays)


class Writers:
    """Batches written by two threads, each on its own connection, while this one builds the
    next: PostgreSQL then uses both CPUs. Inline on SQLite, which writes one at a time, and
    inside a caller's transaction (tests), which other connections would not see."""

    def __init__(self):
        threaded = connection.vendor == "postgresql" and not connection.in_atomic_block
        self.jobs = queue.Queue(maxsize=2)
        self.failed = []
        self.threads = [threading.Thread(target=self.work) for _ in range(2 if threaded else 0)]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def submit(self, function, *args):
        if self.failed:
            raise self.failed[0]
        if self.threads:
            self.jobs.put((function, args))
        else:
            function(*args)

    def work(self):
        try:
            while job := self.jobs.get():
                if not self.failed:  # after a failure, only drain the queue
                    try:
                        job[0](*job[1])
                    except Exception as error:
                        self.failed.append(error)
        finally:
            connection.close()  # this thread's own

    def __exit__(self, kind, error, traceback):
        for _thread in self.threads:
            self.jobs.put(None)  # one stop per thread
        for thread in self.threads:
            thread.join()
        if self.failed and kind is None:
            raise self.failed[0]


class Command(BaseCommand):
    help = "Fill an empty database with many bilingual articles and signups, for load tests."
    requires_migrations_checks = True

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument("--signups", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=1, help="The same seed, the same rows.")

    def handle(self, *args, articles, signups, seed, **options):
        self.refuse_if_filled()
        # Not for secrets: reproducible filler (the supporters' link_ids come from secrets).
        self.rng = random.Random(seed)  # noqa: S311
        self.now = timezone.now()
        started = time.perf_counter()
        with self.phase("topics, authors, campaigns"), transaction.atomic():
            self.topics = self.make_topics(min(len(TOPICS), max(4, articles // 50)))
            self.authors = self.make_authors(min(300, max(10, articles // 100)))
            self.campaigns = self.make_campaigns()
        with self.phase("pictures through articles.images"):
            self.pictures = self.make_pictures(min(6, max(1, articles // 50)))
        with self.phase(f"{articles:,} articles"):
            self.make_articles(articles)
        with self.phase(f"{signups:,} signups"):
            self.make_signups(signups)
        with self.phase("counts, sequences, statistics"):
            self.finish()
        self.stdout.write(f"Generated in {time.perf_counter() - started:.1f} s in all.")

    @contextmanager
    def phase(self, name):
        started = time.perf_counter()
        yield
        self.stdout.write(f"{name}: {time.perf_counter() - started:.1f} s")

    def refuse_if_filled(self):
        counts = {
            name: model.objects.count()
            for name, model in (
                ("articles", Article),
                ("authors", Author),
                ("topics", Topic),
                ("campaigns", Campaign),
                ("signups", Signup),
            )
        }
        if found := ", ".join(f"{count:,} {name}" for name, count in counts.items() if count):
            raise CommandError(
                f"This database already holds {found}: generate_load_data fills an empty one "
                "only (create one, migrate it, then run this). Nothing was changed."
            )

    # --- Small tables, through the models --------------------------------------------------

    def make_topics(self, count):
        topics = [
            Topic.objects.create(name_ar=name_ar, name_en=name_en)
            for name_ar, name_en in TOPICS[:count]
        ]
        # Names as their articles' search vectors hold them (weight D, after the authors').
        self.topic_names = {
            topic.pk: (topic.prepared_name_ar, topic.prepared_name_en) for topic in topics
        }
        return topics

    def make_authors(self, count):
        rng = self.rng
        names = rng.sample(list(itertools.product(FIRST_NAMES, FAMILY_NAMES)), count)
        authors = []
        for (first_ar, first_en), (family_ar, family_en) in names:
            topic_ar, topic_en = rng.choice(TOPICS)
            place_ar, place_en = rng.choice(PLACES)
            role_ar, role_en = rng.choice(ROLES)
            authors.append(
                Author(
                    name_ar=f"{first_ar} {family_ar}",
                    name_en=f"{first_en} {family_en}",
                    slug=slugify(f"{first_en} {family_en}"),
                    role_ar=role_ar,
                    role_en=role_en,
                    bio_ar=f"كتابات عن {topic_ar} والعمل المدني في {place_ar}.",
                    bio_en=f"Writing on {topic_en.lower()} and civic work in {place_en}.",
                )
            )
        # bulk_create: Author.save() would add an audit entry per author ("profile changed"); the
        # prepared names it keeps are set here instead.
        for author in authors:
            set_prepared_names(author)
        authors = Author.objects.bulk_create(authors)
        # Names as their articles' search vectors hold them (weight D).
        self.author_names = {
            author.pk: (author.prepared_name_ar, author.prepared_name_en) for author in authors
        }
        return authors

    def make_campaigns(self):
        campaigns = []
        for index, texts in enumerate(CAMPAIGNS):
            values = {
                f"{field}_{code}": pair[n]
                for field, pair in {**texts, **CAMPAIGN_TEXTS}.items()
                for n, code in enumerate(LANGUAGES)
            }
            paragraphs = [LEADS[index][n].format(place=PLACES[index][n]) for n in (0, 1)]
            closed = index == len(CAMPAIGNS) - 1
            campaigns.append(
                Campaign.objects.create(
                    **values,
                    body_ar=f"<p>{paragraphs[0]}</p>",
                    body_en=f"<p>{paragraphs[1]}</p>",
                    featured=index == 0,
                    goal=1_500_000 if index == 0 else 50_000,
                    opens_at=self.now - timedelta(days=400) if closed else None,
                    closes_at=self.now - timedelta(days=180) if closed else None,
                )
            )
        return campaigns

    def make_pictures(self, count):
        """A few originals, cleaned and stored by the image field and given their renditions,
        as an upload is: the articles then share them, as a newsroom reuses its pictures."""
        pictures = []
        for index in range(count):
            holder = Article()
            holder.hero_image.save("hero.jpg", ContentFile(hero_jpeg(index)), save=False)
            focal = FOCAL_POINTS[index % len(FOCAL_POINTS)]
            make_renditions(holder.hero_image, *focal)
            pictures.append(
                Picture(
                    name=holder.hero_image.name,
                    width=holder.hero_width,
                    height=holder.hero_height,
                    focal=focal,
                    alt=PICTURES[index % len(PICTURES)],
                    caption=CAPTION,
                )
            )
        return pictures

    # --- Articles ---------------------------------------------------------------------------

    def make_articles(self, total):
        rng = self.rng
        self.paragraphs = [self.paragraph_pool(n) for n in (0, 1)]
        # Planted words: in live articles that exist in both languages, so both searches see them.
        bilingual = [n for n in range(total) if self.languages(n) == (0, 1) and self.live(n)]
        planted = rng.sample(bilingual, min(len(bilingual), RARE_ARTICLES + 1))
        self.planted = {n: [RARE_SENTENCE] for n in planted[:-1]} | (
            {planted[-1]: [UNIQUE_SENTENCE]} if planted else {}
        )
        self.author_weights = list(
            itertools.accumulate(1 / (rank + 1) ** 0.6 for rank in range(len(self.authors)))
        )
        self.topic_weights = list(
            itertools.accumulate(1 / rank**0.6 for rank in range(1, len(self.topics)))
        )
        columns = None
        next_report = total // 10
        with Writers() as writers:
            for first in range(0, total, ARTICLE_BATCH):
                last = min(first + ARTICLE_BATCH, total)
                rows, documents, bylines, topics = [], [], [], []
                for n in range(first, last):
                    row, document, authors, article_topics = self.article(n, total)
                    rows.append(row)
                    documents.append(document)
                    bylines += [(n + 1, author, rank) for rank, author in enumerate(authors)]
                    topics += [(n + 1, topic) for topic in article_topics]
                if columns is None:
                    columns = list(rows[0])
                    fields_filled(Article, [*columns, "search_ar", "search_en"])
                values = [tuple(row.values()) for row in rows]
                writers.submit(write_articles, columns, values, documents, bylines, topics)
                if next_report <= last < total:
                    self.stdout.write(f"  {last:,} articles")
                    next_report += total // 10

    def paragraph_pool(self, language):
        """Paragraphs of 3-6 sentences: bodies are drawn from these (quick, and varied enough)."""
        rng = self.rng
        pool = []
        for _ in range(3000):
            sentences = []
            for _ in range(rng.randint(3, 6)):
                clause = rng.choice(CLAUSES)[language].format(
                    place=rng.choice(PLACES)[language], number=rng.randint(11, 99)
                )
                if rng.random() < 0.3:
                    clause = f"{rng.choice(OPENERS)[language]} {clause}"
                elif language == 1:
                    clause = clause[0].upper() + clause[1:]
                sentences.append(clause)
            pool.append(self.joined(sentence(text) for text in sentences))
        return pool

    @staticmethod
    def joined(sentences, tag="p"):
        """One HTML block of sentences: (html, prepared words, word count)."""
        texts, words, counts = zip(*sentences, strict=True)
        return f"<{tag}>{' '.join(texts)}</{tag}>", " ".join(words), sum(counts)

    def body(self, language, place, planted):
        """The body's HTML, and its prepared words: search.prepare(search.plain_text(html)),
        built from the pieces' (a block boundary is a space in plain_text)."""
        rng = self.rng
        opening = [sentence(rng.choice(LEADS)[language].format(place=place))]
        opening += [sentence(pair[language]) for pair in planted]
        blocks = [self.joined(opening)]
        target, words = rng.randint(*WORDS[LANGUAGES[language]]), blocks[0][2]
        while words < target:
            if len(blocks) % 4 == 0:
                blocks.append(self.joined([sentence(rng.choice(HEADINGS)[language])], "h2"))
            blocks.append(rng.choice(self.paragraphs[language]))
            words += blocks[-1][2]
        return "".join(block[0] for block in blocks), " ".join(block[1] for block in blocks)

    @staticmethod
    def languages(n):
        """Which languages article n exists in (0: Arabic, 1: English): 15% Arabic only, 2%
        English only, by its number, so every run and every size has the same shares."""
        if n % 20 in (3, 11, 17):
            return (0,)
        if n % 50 == 29:
            return (1,)
        return (0, 1)

    @staticmethod
    def status(n):
        if n % 97 == 5:
            return Article.Status.DRAFT
        return Article.Status.PUBLISHED

    def live(self, n):
        return self.status(n) == Article.Status.PUBLISHED and not self.scheduled(n)

    @staticmethod
    def scheduled(n):
        return n % 211 == 7

    def article(self, n, total):
        """Article n's row (column: value, as the models would store it), its search documents
        (prepared text per language and weight), its authors and its topics."""
        rng = self.rng
        languages = self.languages(n)
        topics, authors = self.pick_topics(), self.pick_authors()
        place, picture = rng.choice(PLACES), rng.choice(self.pictures)
        picture = picture if rng.random() < 0.7 else None
        title_template, summary_template = rng.choice(TITLES), rng.choice(SUMMARIES)
        byline_mode = Article.BylineMode.AUTHORS
        if n % 33 == 4:
            byline_mode = Article.BylineMode.ORGANISATION
        elif n % 50 == 13:
            byline_mode = Article.BylineMode.HIDDEN
        texts, documents = {}, {}
        for language, code in enumerate(LANGUAGES):
            # As search.names_vector() makes them: the byline's authors in order, then the topics.
            names = [self.author_names[pk][language] for pk in authors]
            names = names if byline_mode == Article.BylineMode.AUTHORS else []
            names = " ".join(
                [*names, *(self.topic_names[pk][language] for pk in sorted(t.pk for t in topics))]
            )
            if language not in languages:
                texts |= {f"{field}_{code}": None for field in TRANSLATED}
                documents[code] = ("", "", "", names)  # search.index() stores one all the same
                continue
            topic = topics[0].in_language("name", code)
            slots = {"topic": topic, "topic_lower": topic.lower(), "place": place[language]}
            title = title_template[language].format(**slots)
            summary = summary_template[language].format(**slots)
            body, body_words = self.body(language, place[language], self.planted.get(n, []))
            documents[code] = (prepared(title), prepared(summary), body_words, names)
            texts |= {
                f"title_{code}": title,
                # Unique, as an editor would have made it: the number settles it.
                f"slug_{code}": f"{slugify(title, allow_unicode=True)[:180].strip('-')}-{n + 1}",
                f"summary_{code}": summary,
                f"body_{code}": body,
                f"hero_alt_{code}": picture.alt[language] if picture else None,
                f"hero_caption_{code}": picture.caption[language] if picture else None,
            }
        publish_at, created_at, updated_at = self.times(n, total)
        row = {
            "id": n + 1,
            # modeltranslation's own column holds the default language's text (Arabic), or "".
            **{field: texts[f"{field}_ar"] or "" for field in TRANSLATED},
            **texts,
            "hero_image": picture.name if picture else "",
            "hero_width": picture.width if picture else None,
            "hero_height": picture.height if picture else None,
            "hero_credit": "Coalition archive" if picture else "",
            "hero_focal_x": picture.focal[0] if picture else 0.5,
            "hero_focal_y": picture.focal[1] if picture else 0.5,
            "status": self.status(n),
            "publish_at": publish_at,
            "featured": self.live(n) and rng.random() < 0.01,
            "byline_mode": byline_mode,
            "version": 0,
            "created_at": created_at,
            "updated_at": updated_at,
            "created_by_id": None,
            "updated_by_id": None,
            # mark_availability's rule: a title and a body in that language.
            "available_ar": 0 in languages,
            "available_en": 1 in languages,
        }
        return row, documents, authors, [topic.pk for topic in topics]

    def pick_topics(self):
        """One or two topics: the first topic for ~37% of the articles, the others by a long
        tail."""
        rng = self.rng
        topics = [self.topics[0]] if rng.random() < 0.37 else []
        count = 2 if rng.random() < 0.45 else 1
        while len(topics) < count:
            rank = rng.choices(range(len(self.topics) - 1), cum_weights=self.topic_weights)[0]
            if (topic := self.topics[1 + rank]) not in topics:
                topics.append(topic)
        return topics

    def pick_authors(self):
        """One to three authors (ids, in byline order), a few of them far more prolific."""
        rng = self.rng
        authors = []
        for _ in range(rng.choices((1, 2, 3), weights=(70, 22, 8))[0]):
            rank = rng.choices(range(len(self.authors)), cum_weights=self.author_weights)[0]
            if (author := self.authors[rank].pk) not in authors:
                authors.append(author)
        return authors

    def times(self, n, total):
        """(publish_at, created_at, updated_at): ids in publication order, as a newsroom's are,
        over the years before now; scheduled articles go out in the coming weeks."""
        rng = self.rng
        if self.scheduled(n):
            publish_at = self.now + timedelta(hours=rng.uniform(1, 24 * 30))
            created_at = self.now - timedelta(hours=rng.uniform(1, 120))
        else:
            years = timedelta(days=365 * YEARS) * (1 - n / total)
            publish_at = self.now - years - timedelta(hours=rng.uniform(1, 48))
            created_at = publish_at - timedelta(hours=rng.uniform(1, 120))
        updated_at = created_at + (min(publish_at, self.now) - created_at) * rng.random()
        return publish_at, created_at, updated_at

    # --- Signups ----------------------------------------------------------------------------

    def make_signups(self, total):
        campaign = self.campaigns[0]
        fields_filled(Signup, SIGNUP_COLUMNS)
        # request.path, as the view stores it: not percent-encoded as reverse() gives it.
        self.signup_pages = {code: unquote(campaign.url_in(code)) for code in LANGUAGES}
        self.consent = {code: campaign.in_language("consent_text", code) for code in LANGUAGES}
        self.names = list(itertools.product(FIRST_NAMES, FAMILY_NAMES))
        self.country_weights = list(itertools.accumulate(COUNTRIES.values()))
        self.source_weights = list(itertools.accumulate(SOURCES.values()))
        next_report = total // 10
        with Writers() as writers:
            for first in range(0, total, SIGNUP_BATCH):
                last = min(first + SIGNUP_BATCH, total)
                rows = [self.signup(campaign, n) for n in range(first, last)]
                writers.submit(insert_rows, Signup._meta.db_table, SIGNUP_COLUMNS, rows)
                if next_report <= last < total:
                    self.stdout.write(f"  {last:,} signups")
                    next_report += total // 10

    def signup(self, campaign, n):
        """Signup n's row, in SIGNUP_COLUMNS order, as Signup.objects.record() and confirm() or
        leave() would have left it."""
        rng = self.rng
        (first_ar, first_en), (family_ar, family_en) = rng.choice(self.names)
        language = "ar" if rng.random() < 0.7 else "en"
        page = language if rng.random() < 0.9 else LANGUAGES[language == "ar"]
        # A quarter in the last 30 days (what the dashboard shows), the rest over two years.
        days = rng.uniform(0, 30) if rng.random() < 0.25 else rng.uniform(0, 730)
        created_at = self.now - timedelta(days=days)
        signed = [created_at]
        if rng.random() < 0.08:  # signed again later, through another link
            signed.append(created_at + (self.now - created_at) * rng.random())
        sources = [self.source(at, page) for at in signed]
        confirmed_at = unsubscribed_at = None
        if rng.random() < 0.62:
            confirmed_at = min(self.now, created_at + timedelta(minutes=rng.uniform(1, 4000)))
            if rng.random() < 0.04:
                unsubscribed_at = confirmed_at + (self.now - confirmed_at) * rng.random()
        latin = language == "en" or rng.random() < 0.4
        email = f"{first_en}.{family_en}.{n}@{rng.choice(EMAIL_DOMAINS)}"
        return (
            campaign.pk,
            email.lower().replace(" ", ""),
            f"{first_en} {family_en}" if latin else f"{first_ar} {family_ar}",
            rng.choices(list(COUNTRIES), cum_weights=self.country_weights)[0],
            f"+2010{rng.randrange(10**8):08d}" if rng.random() < 0.3 else "",
            language,
            created_at,
            self.consent[page],
            json.dumps(sources),
            sources[-1]["source"],  # what Signup.save() derives
            created_at,
            max(filter(None, (signed[-1], confirmed_at, unsubscribed_at))),
            confirmed_at,
            unsubscribed_at,
            "{}",
            new_link_id(),
        )

    def source(self, at, page):
        """A `sources` entry as Signup.objects.record() writes it (the campaign page's path)."""
        rng = self.rng
        entry = {
            "at": at.isoformat(timespec="seconds"),
            "page": self.signup_pages[page],
            "source": rng.choices(list(SOURCES), cum_weights=self.source_weights)[0],
        }
        if rng.random() < 0.2:
            entry |= {"utm_source": "newsletter", "utm_medium": "email", "utm_campaign": "spring"}
        return entry

    def finish(self):
        for campaign in self.campaigns:
            counted = Signup.objects.filter(
                campaign=campaign, confirmed_at__isnull=False, unsubscribed_at__isnull=True
            ).count()
            Campaign.objects.filter(pk=campaign.pk).update(confirmed_count=counted)
        SignupTally.objects.recount(self.campaigns)  # the dashboard's figures, as signups keep them
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Article]):
                cursor.execute(statement)
            # The planner's statistics, as autovacuum would gather them later.
            cursor.execute("ANALYZE")
