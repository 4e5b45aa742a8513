"""Tables for name normalisation: Cyrillic transliteration and spelling variants.

Plain data; names.py holds the logic. Add a variant group here when case
managers report that two spellings of one name were not recognised.
"""

# Ukrainian: the official national system (Resolution No. 55 of the Cabinet of
# Ministers of Ukraine, 27.01.2010), used in Ukrainian passports: Олександр →
# Oleksandr, Шевченко → Shevchenko. Є Ї Й Ю Я are written Ye Yi Y Yu Ya at the
# start of a word and ie i i iu ia elsewhere; "зг" is "zgh".
UKRAINIAN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
    # Letters Ukrainian does not use, written as in Russian so mixed input still reads.
    "ё": "e",
    "ъ": "",
    "ы": "y",
    "э": "e",
}
UKRAINIAN_WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}

# Russian: ICAO Doc 9303 as used in Russian passports since 2013: Александр →
# Aleksandr, Юрий → Iurii.
RUSSIAN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "ie",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
    # Ukrainian and Belarusian letters, as the Ukrainian system writes them.
    "ґ": "g",
    "є": "ie",
    "і": "i",
    "ї": "i",
    "ў": "u",
}
# Letters that tell the language apart when a name is written in Cyrillic.
ONLY_UKRAINIAN = frozenset("ґєії")
ONLY_RUSSIAN = frozenset("ёъыэ")

# Spellings of one given name (or name part) across transliterations and
# languages. The first entry names the group; every entry is normalised with
# names.normalise's rules before use, so "Muhammed" and "Muhamed" need not both
# be listed. Deliberately not merged: names that are related but distinct in
# use (Mehmet / Muhammad, Josef / Yusuf, Anna / Hanna, Mahmoud / Muhammad).
GIVEN_NAME_VARIANTS: tuple[tuple[str, ...], ...] = (
    # Arabic, Turkish, Persian, Kurdish
    (
        "muhammad",
        "mohammed",
        "mohammad",
        "mohamad",
        "mohamed",
        "muhammed",
        "mouhamed",
        "mohamet",
        "mhd",  # the abbreviation in many Syrian documents
        "mohd",
    ),
    ("ahmad", "ahmed", "achmed", "ahmet", "achmad"),
    ("mustafa", "moustafa", "mostafa", "mustapha", "moustapha"),
    ("husain", "hussein", "husein", "hussain", "husayn", "hüseyin", "hossein", "hosein"),
    ("hasan", "hassan"),
    ("mahmud", "mahmoud", "mahmut", "machmud"),
    ("abdullah", "abdallah", "abdulla", "abdalla"),
    ("abdulrahman", "abdelrahman", "abdurrahman", "abdalrahman", "abdurahman"),
    ("ibrahim", "ebrahim", "ibragim", "ibrahem", "brahim"),
    ("omar", "umar", "omer", "ömer"),
    ("osman", "usman", "othman", "uthman"),
    ("khalid", "khaled", "chalid", "chaled", "halid", "haled"),
    ("yusuf", "jusuf", "youssef", "yousef", "yussuf", "yusef", "yousif", "yossef"),
    ("yasin", "yassin", "yaseen", "jassin", "yasseen"),
    ("aisha", "aischa", "ayesha", "aysha", "ayse", "ayşe"),
    ("fatima", "fatma", "fatemeh", "fatimah", "fatemah"),
    ("maryam", "mariam", "meryem"),
    ("zainab", "zeinab", "zaynab", "zeynep"),
    # Ukrainian (national system) first, then Russian, German and English spellings
    (
        "oleksandr",
        "aleksandr",
        "alexander",
        "alexandr",
        "olexandr",
        "oleksander",
        "aleksander",
    ),
    ("oleksii", "oleksiy", "oleksij", "aleksei", "aleksey", "alexei", "alexej", "alexey"),
    ("volodymyr", "vladimir", "wladimir", "volodimir"),
    ("mykola", "nikolai", "nikolay", "nikolaj", "mikola", "mykolai"),
    ("serhii", "serhiy", "serhij", "sergei", "sergey", "sergej", "sergii", "sergiy"),
    ("andrii", "andriy", "andrij", "andrei", "andrey", "andrej"),
    ("dmytro", "dmitri", "dmitry", "dmitrij", "dmitriy"),
    ("yurii", "yuriy", "yuri", "juri", "jurij", "yury", "iurii"),
    ("mykhailo", "mikhail", "michail", "mychajlo", "mykhaylo", "mikhailo"),
    ("pavlo", "pavel", "pawel", "pawlo"),
    ("petro", "pyotr", "petr", "pjotr"),
    (
        "yevhen",
        "yevgeny",
        "yevgeniy",
        "evgeny",
        "evgenii",
        "evgeniy",
        "jewgeni",
        "jewgenij",
        "ievgen",
        "yevgen",
        "evhen",
    ),
    ("ihor", "igor"),
    ("hryhorii", "hryhoriy", "grigory", "grigorii", "grigoriy", "grigorij"),
    ("heorhii", "heorhiy", "georgiy", "georgy", "georgii", "georgij"),
    ("hennadii", "hennadiy", "gennady", "gennadiy", "gennadij", "gennadii"),
    ("vasyl", "vasiliy", "vasily", "vasilii", "wassili", "wassilij"),
    ("oleh", "oleg"),
    ("olha", "olga"),
    ("olena", "elena", "jelena", "yelena"),
    ("halyna", "galina", "halina"),
    ("iryna", "irina"),
    ("tetiana", "tetyana", "tatiana", "tatyana", "tatjana"),
    ("nataliia", "natalia", "natalya", "nataliya", "natalja"),
    ("yuliia", "yulia", "julia", "julija", "yuliya", "iuliia"),
    ("kateryna", "ekaterina", "yekaterina", "katerina", "jekaterina"),
    ("svitlana", "svetlana", "swetlana"),
    ("anastasiia", "anastasia", "anastasiya", "anastasija"),
    ("viktoriia", "viktoria", "victoria", "viktorija", "viktoriya"),
    ("mariia", "maria", "mariya", "marija"),
    ("liudmyla", "lyudmila", "ludmila", "ljudmila", "lyudmyla"),
    ("valentyna", "valentina"),
)

# Arabic articles and the like, written as a separate word or hyphenated
# ("Al-Hassan", "El Sayed"): compared both with and without them.
ARTICLES = frozenset({"al", "el", "ul"})
