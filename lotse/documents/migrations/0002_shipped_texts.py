"""The texts shipped with Lotse: consent form and plan summary in German and
English, plus Arabic, Ukrainian, Persian (Farsi/Dari) and Turkish as draft
translations, to be checked by a sworn translator (the printed form says so).

Administrators adapt them per organisation without code (lotse/documents).
Re-running updates only the shipped rows (organisation empty); adapted texts
stay as they are.
"""

from django.db import migrations

LANGUAGES = {
    # code: (German name plus names used to recognise it, native name, draft translation)
    "de": ("Deutsch, German", "Deutsch", False),
    "en": ("Englisch, English", "English", False),
    "ar": ("Arabisch, Arabic", "العربية", True),
    "uk": ("Ukrainisch, Ukrainian", "Українська", True),
    "fa": ("Persisch (Farsi/Dari), Farsi, Dari, Persian", "فارسی / دری", True),
    "tr": ("Türkisch, Turkish", "Türkçe", True),
}

CONSENT = {
    "de": {
        "title": "Einwilligung in die Verarbeitung personenbezogener Daten im Integrationsmanagement",
        "body": """# Wer verarbeitet Ihre Daten?
Verantwortlich für die Verarbeitung Ihrer Daten ist {organisation} (Verantwortliche nach Art. 4 Nr. 7 DSGVO). Dort erreichen Sie auch die Datenschutzbeauftragte oder den Datenschutzbeauftragten.

# Wozu?
Das Integrationsmanagement berät und begleitet Sie. Dafür möchten wir Angaben zu Ihrer Person und Ihrer Lebenssituation speichern und nutzen. Rechtsgrundlage ist Ihre Einwilligung nach Art. 6 Abs. 1 Buchst. a DSGVO, für Angaben zu Gesundheit und Behinderung nach Art. 9 Abs. 2 Buchst. a DSGVO.

Bitte kreuzen Sie an, wofür Sie einwilligen:
{purposes}

# Was ist wichtig?
- Die Einwilligung ist freiwillig. Ohne Einwilligung können wir Sie nur eingeschränkt beraten; andere Leistungen, auf die Sie einen Anspruch haben, hängen davon nicht ab.
- Sie können Ihre Einwilligung jederzeit ganz oder für einzelne Zwecke widerrufen, mündlich oder schriftlich bei {organisation}. Der Widerruf gilt für die Zukunft; was bis dahin geschehen ist, bleibt rechtmäßig (Art. 7 Abs. 3 DSGVO).
- Nach einem Widerruf oder nach dem Ende der Beratung werden Ihre Daten gesperrt und gelöscht, soweit keine gesetzliche Pflicht zur Aufbewahrung besteht.
- Daten werden nur an die Stellen weitergegeben, die Sie oben angekreuzt haben, und nur, soweit es für die Vermittlung nötig ist. Angaben aus dem Integrationsplan werden nicht über diesen Zweck hinaus an Behörden weitergegeben.
- Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Datenübertragbarkeit (Art. 15 bis 20 DSGVO) und können sich bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77 DSGVO).

Die Einwilligung wurde mir in einer Sprache erklärt, die ich verstehe. Eine Kopie dieses Formulars habe ich erhalten.""",
        "labels": {
            "draft_notice": "Entwurf einer Übersetzung – von vereidigter Übersetzung zu prüfen",
            "person": "Angaben zur Person",
            "case_number": "Fallnummer",
            "name": "Name",
            "birth_date": "Geburtsdatum",
            "recipients": "Weitergabe an",
            "signatures": "Unterschriften",
            "place_date": "Ort, Datum",
            "signature_client": "Unterschrift der betroffenen Person",
            "interpreter": "Gedolmetscht von (Name, Sprache)",
            "signature_interpreter": "Unterschrift Dolmetscher:in",
            "signature_staff": "Unterschrift Mitarbeiter:in im Integrationsmanagement",
            "purpose:beratung": "Wir speichern Ihren Namen, Ihr Geburtsdatum, Ihre Kontaktdaten, Ihren Aufenthaltsstatus und Notizen aus den Beratungsgesprächen, um Sie beraten und begleiten zu können. Ohne diese Einwilligung ist keine Fallführung möglich.",
            "purpose:integrationsplan": "Wir erstellen mit Ihnen einen Integrationsplan mit Zielen und Schritten (Sprache, Bildung, Arbeit, Wohnen und mehr) und schreiben ihn regelmäßig fort.",
            "purpose:gesundheit": "Wir dürfen Angaben zu Ihrer Gesundheit oder einer Behinderung speichern, wenn sie für die Beratung wichtig sind. Diese Angaben werden verschlüsselt gespeichert.",
            "purpose:weiterleitung": "Wenn wir Sie an eine Beratungsstelle, einen Sprachkurs, eine Schule oder Kita, einen Gesundheitsdienst oder einen Verein vermitteln, dürfen wir die dafür nötigen Angaben an diese Stelle weitergeben.",
            "purpose:weiterleitung-behoerden": "Wenn wir Sie an eine Behörde vermitteln (Jobcenter, Agentur für Arbeit, Ausländerbehörde, Jugendamt), dürfen wir die dafür nötigen Angaben an diese Behörde weitergeben.",
            "purpose:kontakt": "Wir dürfen Sie per Telefon, E-Mail oder Messenger kontaktieren, zum Beispiel um Termine zu vereinbaren.",
        },
    },
    "en": {
        "title": "Consent to the processing of personal data in integration management",
        "body": """# Who processes your data?
{organisation} is responsible for processing your data (controller under Art. 4(7) GDPR). You can also reach its data protection officer there.

# What for?
Integration management advises and supports you. For this we would like to store and use information about you and your situation. The legal basis is your consent under Art. 6(1)(a) GDPR; for information about your health or a disability, Art. 9(2)(a) GDPR.

Please tick what you consent to:
{purposes}

# What is important?
- Your consent is voluntary. Without your consent we can advise you only to a limited extent; other benefits you are entitled to do not depend on it.
- You can withdraw your consent at any time, in full or for individual purposes, orally or in writing, at {organisation}. The withdrawal applies to the future; processing before it remains lawful (Art. 7(3) GDPR).
- After a withdrawal or at the end of the counselling, your data are restricted and deleted unless the law requires us to keep them.
- Data are passed on only to the bodies you have ticked above, and only as far as needed for the referral. Information from the integration plan is not passed on to authorities beyond this purpose.
- You have the right of access, rectification, erasure, restriction of processing and data portability (Art. 15 to 20 GDPR) and may lodge a complaint with a data protection supervisory authority (Art. 77 GDPR).

This consent was explained to me in a language I understand. I have received a copy of this form.""",
        "labels": {
            "draft_notice": "Draft translation – to be checked by a sworn translator",
            "person": "Personal details",
            "case_number": "Case number",
            "name": "Name",
            "birth_date": "Date of birth",
            "recipients": "Passed on to",
            "signatures": "Signatures",
            "place_date": "Place, date",
            "signature_client": "Signature of the person concerned",
            "interpreter": "Interpreted by (name, language)",
            "signature_interpreter": "Signature of the interpreter",
            "signature_staff": "Signature of the integration management staff member",
            "purpose:beratung": "We store your name, date of birth, contact details, residence status and notes from counselling sessions so that we can advise and support you. Without this consent we cannot manage your case.",
            "purpose:integrationsplan": "Together with you we draw up an integration plan with goals and steps (language, education, work, housing and more) and update it regularly.",
            "purpose:gesundheit": "We may store information about your health or a disability if it matters for the counselling. This information is stored encrypted.",
            "purpose:weiterleitung": "When we refer you to a counselling service, a language course, a school or day care, a health service or a club, we may pass on the information needed for this to that body.",
            "purpose:weiterleitung-behoerden": "When we refer you to an authority (Jobcenter, employment agency, foreigners' authority, youth welfare office), we may pass on the information needed for this to that authority.",
            "purpose:kontakt": "We may contact you by phone, e-mail or messenger, for example to arrange appointments.",
        },
    },
    "ar": {
        "title": "الموافقة على معالجة البيانات الشخصية في إدارة الاندماج",
        "body": """# من يعالج بياناتك؟
الجهة المسؤولة عن معالجة بياناتك هي {organisation} (الجهة المسؤولة وفقاً للمادة 4 رقم 7 من اللائحة العامة لحماية البيانات). ويمكنك هناك أيضاً التواصل مع مسؤول حماية البيانات.

# لأي غرض؟
تقدّم لك إدارة الاندماج الاستشارة والمرافقة. ولهذا نودّ حفظ معلومات عنك وعن وضعك المعيشي واستخدامها. الأساس القانوني هو موافقتك وفقاً للمادة 6 الفقرة 1 البند (أ) من اللائحة العامة لحماية البيانات، وبالنسبة للمعلومات المتعلقة بصحتك أو بإعاقة وفقاً للمادة 9 الفقرة 2 البند (أ) من اللائحة نفسها.

يرجى وضع علامة على ما توافق عليه:
{purposes}

# ما المهم معرفته؟
- موافقتك طوعية. بدون موافقتك لا يمكننا تقديم الاستشارة لك إلا بشكل محدود؛ ولا تتوقف عليها أي خدمات أخرى يحق لك الحصول عليها.
- يمكنك سحب موافقتك في أي وقت، كلياً أو لأغراض معينة، شفهياً أو كتابياً لدى {organisation}. يسري السحب على المستقبل، وتبقى المعالجة التي تمت قبله مشروعة (المادة 7 الفقرة 3 من اللائحة العامة لحماية البيانات).
- بعد سحب الموافقة أو عند انتهاء الاستشارة، يتم تقييد بياناتك وحذفها ما لم يُلزمنا القانون بالاحتفاظ بها.
- لا تُنقل البيانات إلا إلى الجهات التي وضعت عليها علامة أعلاه، وفقط بالقدر اللازم للإحالة. ولا تُنقل معلومات من خطة الاندماج إلى السلطات خارج هذا الغرض.
- لك الحق في الاطلاع على بياناتك وتصحيحها وحذفها وتقييد معالجتها ونقلها (المواد 15 إلى 20 من اللائحة العامة لحماية البيانات)، ويمكنك تقديم شكوى إلى هيئة رقابية لحماية البيانات (المادة 77 من اللائحة).

شُرحت لي هذه الموافقة بلغة أفهمها. وقد تسلّمت نسخة من هذا النموذج.""",
        "labels": {
            "draft_notice": "مسودة ترجمة – يجب أن يراجعها مترجم محلَّف",
            "person": "البيانات الشخصية",
            "case_number": "رقم الملف",
            "name": "الاسم",
            "birth_date": "تاريخ الميلاد",
            "recipients": "تُنقل إلى",
            "signatures": "التوقيعات",
            "place_date": "المكان، التاريخ",
            "signature_client": "توقيع الشخص المعني",
            "interpreter": "الترجمة الشفوية بواسطة (الاسم، اللغة)",
            "signature_interpreter": "توقيع المترجم الشفوي",
            "signature_staff": "توقيع الموظف أو الموظفة في إدارة الاندماج",
            "purpose:beratung": "نحفظ اسمك وتاريخ ميلادك وبيانات الاتصال بك ووضع إقامتك وملاحظات من جلسات الاستشارة، لكي نتمكن من تقديم الاستشارة لك ومرافقتك. بدون هذه الموافقة لا يمكن إدارة ملفك.",
            "purpose:integrationsplan": "نضع معك خطة اندماج تتضمن أهدافاً وخطوات (اللغة، التعليم، العمل، السكن وغير ذلك) ونحدّثها بانتظام.",
            "purpose:gesundheit": "يجوز لنا حفظ معلومات عن صحتك أو عن إعاقة إذا كانت مهمة للاستشارة. تُحفظ هذه المعلومات بشكل مشفّر.",
            "purpose:weiterleitung": "عندما نحيلك إلى مركز استشارة أو دورة لغة أو مدرسة أو روضة أطفال أو خدمة صحية أو جمعية، يجوز لنا أن ننقل إلى هذه الجهة المعلومات اللازمة لذلك.",
            "purpose:weiterleitung-behoerden": "عندما نحيلك إلى سلطة رسمية (مركز العمل Jobcenter، وكالة العمل، دائرة الأجانب، مكتب رعاية الشباب)، يجوز لنا أن ننقل إلى هذه السلطة المعلومات اللازمة لذلك.",
            "purpose:kontakt": "يجوز لنا التواصل معك عبر الهاتف أو البريد الإلكتروني أو تطبيقات المراسلة، مثلاً لتحديد المواعيد.",
        },
    },
    "uk": {
        "title": "Згода на обробку персональних даних в інтеграційному менеджменті",
        "body": """# Хто обробляє ваші дані?
Відповідальним за обробку ваших даних є {organisation} (контролер відповідно до ст. 4 п. 7 Загального регламенту ЄС про захист даних, GDPR). Там також можна звернутися до уповноваженої особи з питань захисту даних.

# Для чого?
Інтеграційний менеджмент консультує та супроводжує вас. Для цього ми хотіли б зберігати й використовувати відомості про вас і вашу життєву ситуацію. Правовою підставою є ваша згода відповідно до ст. 6 ч. 1 п. a GDPR, а для відомостей про ваше здоров'я чи інвалідність — ст. 9 ч. 2 п. a GDPR.

Будь ласка, позначте, на що ви погоджуєтеся:
{purposes}

# Що важливо?
- Згода є добровільною. Без вашої згоди ми зможемо консультувати вас лише обмежено; інші виплати й послуги, на які ви маєте право, від цього не залежать.
- Ви можете будь-коли відкликати свою згоду повністю або щодо окремих цілей — усно чи письмово в {organisation}. Відкликання діє на майбутнє; обробка, здійснена до нього, залишається законною (ст. 7 ч. 3 GDPR).
- Після відкликання згоди або після завершення консультування ваші дані блокуються й видаляються, якщо закон не зобов'язує нас їх зберігати.
- Дані передаються лише тим установам, які ви позначили вище, і лише в обсязі, необхідному для направлення. Відомості з інтеграційного плану не передаються органам влади понад цю мету.
- Ви маєте право на доступ до своїх даних, їх виправлення, видалення, обмеження обробки та перенесення (ст. 15–20 GDPR), а також право подати скаргу до наглядового органу з питань захисту даних (ст. 77 GDPR).

Цю згоду мені пояснили мовою, яку я розумію. Копію цієї форми я отримав(-ла).""",
        "labels": {
            "draft_notice": "Чернетка перекладу – має бути перевірена присяжним перекладачем",
            "person": "Особисті дані",
            "case_number": "Номер справи",
            "name": "Ім'я та прізвище",
            "birth_date": "Дата народження",
            "recipients": "Передача до",
            "signatures": "Підписи",
            "place_date": "Місце, дата",
            "signature_client": "Підпис особи, якої стосуються дані",
            "interpreter": "Усний переклад здійснив(-ла) (ім'я, мова)",
            "signature_interpreter": "Підпис перекладача",
            "signature_staff": "Підпис працівника інтеграційного менеджменту",
            "purpose:beratung": "Ми зберігаємо ваше ім'я, дату народження, контактні дані, статус перебування та нотатки з консультацій, щоб консультувати й супроводжувати вас. Без цієї згоди ведення вашої справи неможливе.",
            "purpose:integrationsplan": "Разом з вами ми складаємо інтеграційний план із цілями та кроками (мова, освіта, робота, житло тощо) і регулярно його оновлюємо.",
            "purpose:gesundheit": "Ми можемо зберігати відомості про ваше здоров'я або інвалідність, якщо вони важливі для консультування. Ці відомості зберігаються в зашифрованому вигляді.",
            "purpose:weiterleitung": "Якщо ми направляємо вас до консультаційної служби, на мовний курс, до школи чи дитячого садка, до медичної служби або громадської організації, ми можемо передати цій установі потрібні для цього відомості.",
            "purpose:weiterleitung-behoerden": "Якщо ми направляємо вас до органу влади (Jobcenter, агентство з праці, відомство у справах іноземців, служба у справах молоді), ми можемо передати цьому органу потрібні для цього відомості.",
            "purpose:kontakt": "Ми можемо зв'язуватися з вами телефоном, електронною поштою або через месенджер, наприклад щоб домовитися про зустріч.",
        },
    },
    "fa": {
        "title": "رضایت‌نامه برای پردازش داده‌های شخصی در مدیریت ادغام",
        "body": """# چه کسی داده‌های شما را پردازش می‌کند؟
مسئول پردازش داده‌های شما {organisation} است (مسئول پردازش طبق ماده ۴ بند ۷ مقررات عمومی حفاظت از داده‌های اتحادیه اروپا، GDPR). مسئول حفاظت از داده‌ها نیز در همان‌جا در دسترس است.

# برای چه؟
مدیریت ادغام به شما مشاوره می‌دهد و شما را همراهی می‌کند. برای این کار می‌خواهیم اطلاعاتی درباره شما و وضعیت زندگی‌تان ذخیره و استفاده کنیم. مبنای قانونی، رضایت شما طبق ماده ۶ بند ۱ حرف الف GDPR است و برای اطلاعات مربوط به سلامت یا معلولیت شما، ماده ۹ بند ۲ حرف الف GDPR.

لطفاً مواردی را که با آن‌ها موافقید علامت بزنید:
{purposes}

# چه چیزی مهم است؟
- رضایت شما داوطلبانه است. بدون رضایت شما فقط می‌توانیم به‌طور محدود به شما مشاوره بدهیم؛ خدمات و مزایای دیگری که حق دریافت آن‌ها را دارید به این رضایت بستگی ندارند.
- شما می‌توانید رضایت خود را هر زمان، به‌طور کامل یا برای برخی از اهداف، به‌صورت شفاهی یا کتبی نزد {organisation} پس بگیرید. پس‌گرفتن رضایت برای آینده اعتبار دارد؛ پردازشی که پیش از آن انجام شده قانونی باقی می‌ماند (ماده ۷ بند ۳ GDPR).
- پس از پس‌گرفتن رضایت یا پایان مشاوره، داده‌های شما مسدود و حذف می‌شوند، مگر این‌که قانون ما را به نگهداری آن‌ها موظف کند.
- داده‌ها فقط به نهادهایی که در بالا علامت زده‌اید و فقط به اندازه‌ای که برای ارجاع لازم است داده می‌شوند. اطلاعات برنامه ادغام فراتر از این هدف به ادارات دولتی داده نمی‌شود.
- شما حق دسترسی، اصلاح، حذف، محدودسازی پردازش و انتقال داده‌های خود را دارید (مواد ۱۵ تا ۲۰ GDPR) و می‌توانید به یک مرجع نظارت بر حفاظت از داده‌ها شکایت کنید (ماده ۷۷ GDPR).

این رضایت‌نامه به زبانی که می‌فهمم برایم توضیح داده شد. یک نسخه از این فرم را دریافت کرده‌ام.""",
        "labels": {
            "draft_notice": "پیش‌نویس ترجمه – باید توسط مترجم رسمی سوگندخورده بررسی شود",
            "person": "مشخصات شخصی",
            "case_number": "شماره پرونده",
            "name": "نام و نام خانوادگی",
            "birth_date": "تاریخ تولد",
            "recipients": "ارسال به",
            "signatures": "امضاها",
            "place_date": "محل، تاریخ",
            "signature_client": "امضای شخص مربوط",
            "interpreter": "ترجمه شفاهی توسط (نام، زبان)",
            "signature_interpreter": "امضای مترجم شفاهی",
            "signature_staff": "امضای کارمند مدیریت ادغام",
            "purpose:beratung": "ما نام، تاریخ تولد، اطلاعات تماس، وضعیت اقامت شما و یادداشت‌های جلسات مشاوره را ذخیره می‌کنیم تا بتوانیم به شما مشاوره بدهیم و همراهی‌تان کنیم. بدون این رضایت، پیگیری پرونده شما ممکن نیست.",
            "purpose:integrationsplan": "همراه با شما یک برنامه ادغام با اهداف و گام‌ها (زبان، تحصیل، کار، مسکن و موارد دیگر) تهیه می‌کنیم و آن را به‌طور منظم به‌روز می‌کنیم.",
            "purpose:gesundheit": "اگر اطلاعات مربوط به سلامت یا معلولیت شما برای مشاوره مهم باشد، می‌توانیم آن را ذخیره کنیم. این اطلاعات به‌صورت رمزگذاری‌شده نگهداری می‌شود.",
            "purpose:weiterleitung": "اگر شما را به یک مرکز مشاوره، کلاس زبان، مدرسه یا مهدکودک، خدمات بهداشتی یا یک انجمن ارجاع دهیم، می‌توانیم اطلاعات لازم برای این کار را به آن نهاد بدهیم.",
            "purpose:weiterleitung-behoerden": "اگر شما را به یک اداره دولتی ارجاع دهیم (جاب‌سنتر، اداره کار، اداره اتباع خارجی، اداره امور جوانان)، می‌توانیم اطلاعات لازم برای این کار را به آن اداره بدهیم.",
            "purpose:kontakt": "می‌توانیم از طریق تلفن، ایمیل یا پیام‌رسان با شما تماس بگیریم، برای مثال برای تعیین وقت ملاقات.",
        },
    },
    "tr": {
        "title": "Entegrasyon yönetiminde kişisel verilerin işlenmesine ilişkin rıza beyanı",
        "body": """# Verilerinizi kim işliyor?
Verilerinizin işlenmesinden {organisation} sorumludur (AB Genel Veri Koruma Tüzüğü, GDPR, madde 4 bent 7 uyarınca veri sorumlusu). Veri koruma görevlisine de aynı yerden ulaşabilirsiniz.

# Ne amaçla?
Entegrasyon yönetimi size danışmanlık yapar ve size eşlik eder. Bunun için kişiniz ve yaşam durumunuzla ilgili bilgileri kaydetmek ve kullanmak istiyoruz. Hukuki dayanak, GDPR madde 6 fıkra 1 bent a uyarınca verdiğiniz rızadır; sağlığınız veya bir engelinizle ilgili bilgiler için GDPR madde 9 fıkra 2 bent a'dır.

Lütfen rıza verdiğiniz maddeleri işaretleyin:
{purposes}

# Neler önemli?
- Rızanız gönüllüdür. Rızanız olmadan size yalnızca sınırlı ölçüde danışmanlık yapabiliriz; hak sahibi olduğunuz diğer yardım ve hizmetler buna bağlı değildir.
- Rızanızı istediğiniz zaman, tamamen veya tek tek amaçlar için, sözlü ya da yazılı olarak {organisation} nezdinde geri alabilirsiniz. Geri alma ileriye yönelik geçerlidir; o zamana kadar yapılan işlemler hukuka uygun kalır (GDPR madde 7 fıkra 3).
- Rızanızı geri aldıktan sonra veya danışmanlık sona erdiğinde, yasal bir saklama yükümlülüğü olmadıkça verileriniz kısıtlanır ve silinir.
- Veriler yalnızca yukarıda işaretlediğiniz kurumlara ve yalnızca yönlendirme için gerekli olduğu ölçüde aktarılır. Entegrasyon planındaki bilgiler bu amacın ötesinde resmi makamlara aktarılmaz.
- Verilerinize erişme, bunların düzeltilmesini, silinmesini, işlenmesinin kısıtlanmasını ve taşınmasını isteme hakkınız vardır (GDPR madde 15–20); ayrıca bir veri koruma denetim makamına şikâyette bulunabilirsiniz (GDPR madde 77).

Bu rıza bana anladığım bir dilde açıklandı. Bu formun bir kopyasını aldım.""",
        "labels": {
            "draft_notice": "Taslak çeviri – yeminli tercüman tarafından kontrol edilmelidir",
            "person": "Kişisel bilgiler",
            "case_number": "Dosya numarası",
            "name": "Ad soyad",
            "birth_date": "Doğum tarihi",
            "recipients": "Aktarılacağı yer",
            "signatures": "İmzalar",
            "place_date": "Yer, tarih",
            "signature_client": "İlgili kişinin imzası",
            "interpreter": "Sözlü çeviriyi yapan (ad, dil)",
            "signature_interpreter": "Tercümanın imzası",
            "signature_staff": "Entegrasyon yönetimi görevlisinin imzası",
            "purpose:beratung": "Size danışmanlık yapabilmek ve eşlik edebilmek için adınızı, doğum tarihinizi, iletişim bilgilerinizi, oturum durumunuzu ve danışmanlık görüşmelerinden notları kaydediyoruz. Bu rıza olmadan dosyanız yürütülemez.",
            "purpose:integrationsplan": "Sizinle birlikte hedefler ve adımlar içeren bir entegrasyon planı (dil, eğitim, iş, konut ve diğer konular) hazırlıyor ve düzenli olarak güncelliyoruz.",
            "purpose:gesundheit": "Danışmanlık için önemliyse sağlığınız veya bir engeliniz hakkındaki bilgileri kaydedebiliriz. Bu bilgiler şifrelenmiş olarak saklanır.",
            "purpose:weiterleitung": "Sizi bir danışma merkezine, dil kursuna, okula veya kreşe, bir sağlık hizmetine ya da bir derneğe yönlendirdiğimizde, bunun için gerekli bilgileri o kuruma aktarabiliriz.",
            "purpose:weiterleitung-behoerden": "Sizi bir resmi makama (Jobcenter, İş Ajansı, Yabancılar Dairesi, Gençlik Dairesi) yönlendirdiğimizde, bunun için gerekli bilgileri o makama aktarabiliriz.",
            "purpose:kontakt": "Örneğin randevu ayarlamak için sizinle telefon, e-posta veya mesajlaşma uygulaması üzerinden iletişime geçebiliriz.",
        },
    },
}

AREAS = (
    "language",
    "education",
    "work",
    "housing",
    "health",
    "family",
    "participation",
    "residence",
)
STATUSES = ("open", "in_progress", "reached", "partly_reached", "not_reached", "dropped")


def _summary_labels(fixed, areas, statuses):
    labels = dict(
        zip(
            (
                "case_number",
                "life_area",
                "goal",
                "steps",
                "responsible",
                "due",
                "status",
                "review",
                "no_goals",
            ),
            fixed,
            strict=True,
        )
    )
    labels.update({f"area:{key}": value for key, value in zip(AREAS, areas, strict=True)})
    labels.update({f"status:{key}": value for key, value in zip(STATUSES, statuses, strict=True)})
    return labels


SUMMARY = {
    "de": {
        "title": "Mein Integrationsplan – Kurzfassung",
        "body": """Dies ist die Kurzfassung Ihres Integrationsplans bei {organisation} (Fallnummer {case_number}, Version {version} vom {date}). Verbindlich ist der vollständige Plan auf Deutsch. Ziele und Schritte stehen so da, wie sie im Gespräch auf Deutsch vereinbart wurden.

# Ihre Ziele und die nächsten Schritte
{goals}

Wenn sich etwas ändert oder Sie Fragen haben, wenden Sie sich bitte an Ihr Integrationsmanagement.""",
        "labels": _summary_labels(
            (
                "Fallnummer",
                "Lebensbereich",
                "Ziel",
                "Schritte",
                "Wer ist verantwortlich?",
                "Bis wann?",
                "Stand",
                "Nächste Überprüfung",
                "Noch keine Ziele vereinbart.",
            ),
            (
                "Sprache",
                "Bildung und Ausbildung",
                "Arbeit",
                "Wohnen",
                "Gesundheit",
                "Familie",
                "Teilhabe",
                "Aufenthalt",
            ),
            ("offen", "in Arbeit", "erreicht", "teilweise erreicht", "nicht erreicht", "verworfen"),
        ),
    },
    "en": {
        "title": "My integration plan – short version",
        "body": """This is the short version of your integration plan with {organisation} (case number {case_number}, version {version} of {date}). The full plan in German is the binding version. Goals and steps appear as they were agreed in German during the counselling session.

# Your goals and next steps
{goals}

If anything changes or you have questions, please contact your integration manager.""",
        "labels": _summary_labels(
            (
                "Case number",
                "Area of life",
                "Goal",
                "Steps",
                "Who is responsible?",
                "By when?",
                "Status",
                "Next review",
                "No goals agreed yet.",
            ),
            (
                "Language",
                "Education and training",
                "Work",
                "Housing",
                "Health",
                "Family",
                "Participation",
                "Residence",
            ),
            ("open", "in progress", "reached", "partly reached", "not reached", "dropped"),
        ),
    },
    "ar": {
        "title": "خطة الاندماج الخاصة بي – نسخة مختصرة",
        "body": """هذه هي النسخة المختصرة من خطة الاندماج الخاصة بك لدى {organisation} (رقم الملف {case_number}، الإصدار {version} بتاريخ {date}). النسخة الملزمة هي الخطة الكاملة باللغة الألمانية. الأهداف والخطوات مكتوبة كما تم الاتفاق عليها باللغة الألمانية أثناء الاستشارة.

# أهدافك والخطوات التالية
{goals}

إذا تغيّر شيء أو كانت لديك أسئلة، يرجى التواصل مع إدارة الاندماج المسؤولة عنك.""",
        "labels": {
            **_summary_labels(
                (
                    "رقم الملف",
                    "مجال الحياة",
                    "الهدف",
                    "الخطوات",
                    "من المسؤول؟",
                    "حتى متى؟",
                    "الحالة",
                    "المراجعة القادمة",
                    "لم يتم الاتفاق على أهداف بعد.",
                ),
                (
                    "اللغة",
                    "التعليم والتدريب المهني",
                    "العمل",
                    "السكن",
                    "الصحة",
                    "الأسرة",
                    "المشاركة في المجتمع",
                    "الإقامة",
                ),
                (
                    "مفتوح",
                    "قيد التنفيذ",
                    "تم تحقيقه",
                    "تم تحقيقه جزئياً",
                    "لم يتحقق",
                    "تم التخلي عنه",
                ),
            ),
            "draft_notice": CONSENT["ar"]["labels"]["draft_notice"],
        },
    },
    "uk": {
        "title": "Мій інтеграційний план – стислий виклад",
        "body": """Це стислий виклад вашого інтеграційного плану в {organisation} (номер справи {case_number}, версія {version} від {date}). Обов'язковим є повний план німецькою мовою. Цілі та кроки наведено так, як їх було погоджено німецькою мовою під час консультації.

# Ваші цілі та наступні кроки
{goals}

Якщо щось зміниться або у вас виникнуть питання, будь ласка, зверніться до свого інтеграційного менеджменту.""",
        "labels": {
            **_summary_labels(
                (
                    "Номер справи",
                    "Сфера життя",
                    "Ціль",
                    "Кроки",
                    "Хто відповідає?",
                    "До коли?",
                    "Стан",
                    "Наступна перевірка",
                    "Цілі ще не погоджено.",
                ),
                (
                    "Мова",
                    "Освіта та професійна підготовка",
                    "Робота",
                    "Житло",
                    "Здоров'я",
                    "Сім'я",
                    "Участь у суспільному житті",
                    "Перебування (статус)",
                ),
                (
                    "відкрито",
                    "у процесі",
                    "досягнуто",
                    "частково досягнуто",
                    "не досягнуто",
                    "скасовано",
                ),
            ),
            "draft_notice": CONSENT["uk"]["labels"]["draft_notice"],
        },
    },
    "fa": {
        "title": "برنامه ادغام من – خلاصه",
        "body": """این خلاصه برنامه ادغام شما نزد {organisation} است (شماره پرونده {case_number}، نسخه {version} به تاریخ {date}). نسخه معتبر، برنامه کامل به زبان آلمانی است. اهداف و گام‌ها همان‌طور نوشته شده‌اند که در جلسه مشاوره به زبان آلمانی توافق شده‌اند.

# اهداف شما و گام‌های بعدی
{goals}

اگر چیزی تغییر کرد یا سؤالی داشتید، لطفاً به مدیریت ادغام خود مراجعه کنید.""",
        "labels": {
            **_summary_labels(
                (
                    "شماره پرونده",
                    "حوزه زندگی",
                    "هدف",
                    "گام‌ها",
                    "مسئول کیست؟",
                    "تا چه زمانی؟",
                    "وضعیت",
                    "بررسی بعدی",
                    "هنوز هدفی توافق نشده است.",
                ),
                (
                    "زبان",
                    "تحصیل و آموزش حرفه‌ای",
                    "کار",
                    "مسکن",
                    "سلامت",
                    "خانواده",
                    "مشارکت اجتماعی",
                    "اقامت",
                ),
                ("باز", "در حال انجام", "محقق شد", "تا حدی محقق شد", "محقق نشد", "کنار گذاشته شد"),
            ),
            "draft_notice": CONSENT["fa"]["labels"]["draft_notice"],
        },
    },
    "tr": {
        "title": "Entegrasyon planım – kısa özet",
        "body": """Bu, {organisation} nezdindeki entegrasyon planınızın kısa özetidir (dosya numarası {case_number}, {date} tarihli {version}. sürüm). Bağlayıcı olan, Almanca tam plandır. Hedefler ve adımlar, danışmanlık görüşmesinde Almanca olarak kararlaştırıldığı şekilde yer almaktadır.

# Hedefleriniz ve sonraki adımlar
{goals}

Bir şey değişirse veya sorularınız olursa lütfen entegrasyon yönetiminize başvurun.""",
        "labels": {
            **_summary_labels(
                (
                    "Dosya numarası",
                    "Yaşam alanı",
                    "Hedef",
                    "Adımlar",
                    "Kim sorumlu?",
                    "Ne zamana kadar?",
                    "Durum",
                    "Bir sonraki gözden geçirme",
                    "Henüz hedef kararlaştırılmadı.",
                ),
                (
                    "Dil",
                    "Eğitim ve meslek eğitimi",
                    "İş",
                    "Konut",
                    "Sağlık",
                    "Aile",
                    "Toplumsal katılım",
                    "Oturum",
                ),
                (
                    "açık",
                    "devam ediyor",
                    "ulaşıldı",
                    "kısmen ulaşıldı",
                    "ulaşılamadı",
                    "vazgeçildi",
                ),
            ),
            "draft_notice": CONSENT["tr"]["labels"]["draft_notice"],
        },
    },
}


def seed(apps, schema_editor):
    text_model = apps.get_model("documents", "DocumentText")
    for kind, texts in (("consent_form", CONSENT), ("plan_summary", SUMMARY)):
        for language, content in texts.items():
            name, native, draft = LANGUAGES[language]
            text_model.objects.update_or_create(
                kind=kind,
                language=language,
                organisation=None,
                defaults={
                    "language_name": name,
                    "native_name": native,
                    "draft_translation": draft,
                    **content,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
