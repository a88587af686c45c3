"""Sample dialogue lines per language, in the script espeak-ng reads.

Used to calibrate the speaking rates of :mod:`korkyt.dubbing.isochrony` against espeak-ng's own
durations, by the tests that check the estimates, and by the benchmark that generates a long film.
"""

from __future__ import annotations

SAMPLE_LINES: dict[str, tuple[str, ...]] = {
    "kk": (
        "Сәлем, қалың қалай?",
        "Бүгін біз жаңа фильмнің алғашқы көрсетілімін өткіземіз.",
        "Мен сені вокзалда күтемін.",
        "Неге сен маған бұрын айтпадың?",
        "Ақтау теңіз жағасында орналасқан әдемі қала.",
        "Жоқ, бұл менің кінәм емес.",
        "Ертең таңертең ерте тұруымыз керек, жол алыс.",
        "Рақмет, достым.",
    ),
    "ky": (
        "Саламатсызбы, кандайсыз?",
        "Бүгүн биз жаңы тасманын бет ачарын өткөрөбүз.",
        "Мен сени бекетте күтөм.",
        "Эмне үчүн мага мурун айткан жоксуң?",
        "Ысык-Көл абдан кооз жер.",
        "Жок, бул менин күнөөм эмес.",
        "Эртең эрте турушубуз керек, жол алыс.",
        "Рахмат, досум.",
    ),
    "ru": (
        "Привет, как дела?",
        "Сегодня мы проводим первый показ нового фильма.",
        "Я буду ждать тебя на вокзале.",
        "Почему ты не сказал мне раньше?",
        "Актау — красивый город на берегу моря.",
        "Нет, это не моя вина.",
        "Завтра нам нужно встать рано, дорога длинная.",
        "Спасибо, друг.",
    ),
    "az": (
        "Salam, necəsən?",
        "Bu gün biz yeni filmin ilk nümayişini keçiririk.",
        "Mən səni vağzalda gözləyəcəyəm.",
        "Niyə mənə əvvəlcədən demədin?",
        "Bakı dəniz sahilində yerləşən gözəl şəhərdir.",
        "Yox, bu mənim günahım deyil.",
        "Sabah tezdən durmalıyıq, yol uzundur.",
        "Sağ ol, dostum.",
    ),
    "tk": (
        "Salam, ýagdaýlaryň nähili?",
        "Şu gün biz täze filmiň ilkinji görkezilişini geçirýäris.",
        "Men seni wokzalda garaşaryn.",
        "Näme üçin maňa öň aýtmadyň?",
        "Aşgabat ak mermerden gurlan owadan şäher.",
        "Ýok, bu meniň günäm däl.",
        "Ertir ir turmaly, ýol uzak.",
        "Sag bol, dostum.",
    ),
    "tr": (
        "Merhaba, nasılsın?",
        "Bugün yeni filmin ilk gösterimini yapıyoruz.",
        "Seni istasyonda bekleyeceğim.",
        "Neden bana daha önce söylemedin?",
        "İstanbul deniz kenarında çok güzel bir şehir.",
        "Hayır, bu benim suçum değil.",
        "Yarın erken kalkmamız lazım, yol uzun.",
        "Teşekkürler, dostum.",
    ),
    "uz": (
        "Salom, ishlaring qalay?",
        "Bugun biz yangi filmning birinchi namoyishini oʻtkazamiz.",
        "Men seni vokzalda kutaman.",
        "Nega menga oldinroq aytmading?",
        "Samarqand juda goʻzal va qadimiy shahar.",
        "Yoʻq, bu mening aybim emas.",
        "Ertaga erta turishimiz kerak, yoʻl uzoq.",
        "Rahmat, doʻstim.",
    ),
    "en": (
        "Hello, how are you?",
        "Today we are holding the first screening of the new film.",
        "I will wait for you at the station.",
        "Why didn't you tell me before?",
        "Aktau is a beautiful city by the sea.",
        "No, this is not my fault.",
        "We have to get up early tomorrow, the road is long.",
        "Thank you, my friend.",
    ),
}
