"""The most common function words of the languages the language guess knows.

Short lists of equal length on purpose: long lists (and lists polluted with names or loan words)
bias a stopword-share guess toward their language. Compiled from general knowledge of each
language's frequent words (articles, pronouns, prepositions, conjunctions, auxiliaries).
"""

from __future__ import annotations

STOPWORDS: dict[str, str] = {
    "en": "the of and to in is that for it with was on as he by at from his but have are be this not they "
    "which had has were said their been an or will would who she her we its",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus "
    "er hat dass sie nach wird bei einer um am sind noch wie einem über",
    "fr": "le la les de des et en un une du est que qui dans pour pas sur au par il plus ce avec se ne sont elle "
    "ont aux cette mais ou son sa été nous",
    "es": "el la de que y en los del se las por un para con no una su al es lo como más pero sus le ya o fue este "
    "ha porque esta son entre cuando",
    "it": "il di che la e per un in è non una del della le si con da al dei sono gli alla ha più come ma anche nel "
    "questo lo delle se ci o",
    "pt": "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à "
    "seu sua ou ser quando muito nos já está também",
    "nl": "de het een en van in is dat op te zijn met voor niet aan er maar om ook als bij dan nog wordt door naar "
    "heeft hij ze werd was kan deze tot uit",
    "sv": "och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så kan "
    "man när år säger hon under också",
    "da": "og i at det en den til er som på de med han af for ikke der var mig sig men et har om vi min havde ham "
    "hun nu over da fra du ud",
    "no": "og i det er på som en til at for av med har de ikke den om et var men han seg fra vi så kan etter skal "
    "hun også ble når vil",
    "fi": "ja on ei että se hän oli ovat mutta kuin myös tai joka niin sen kun ole hänen jo vain mukaan sekä "
    "vuonna nyt jos voi tämä olla mitä kanssa ennen jälkeen",
    "pl": "i w na z się nie do to że jest o jak a po co tak ale od za przez jego był już dla może są tylko jej ich "
    "oraz także gdy być przy",
    "cs": "a se na v je že to s z do o jako by k ale pro jsou jeho byl tak po už jen od však také být který "
    "která které při podle",
    "ro": "și de la în a cu pe că nu o din care se un pentru este mai au fost sau ce lui ca după sunt dar acest "
    "această prin",
    "hu": "a az és hogy nem is egy meg van volt de csak már még el ki mint ha vagy pedig szerint után között "
    "amely ezt azt",
    "tr": "ve bir bu da de için ile çok olarak daha gibi en ne o ama kadar sonra olan her değil ise mi şey var yok",
    "id": "yang dan di itu dengan untuk tidak ini dari dalam akan pada juga saya ke karena ada bisa oleh sebagai "
    "lebih atau mereka sudah telah",
    "ru": "и в не на что с по он как это к из у за о а но так от же его для она было был они уже только или при "
    "если бы мы до",
    "uk": "і в на що не з у до та це як а за він для від по але її його вона було був вони вже також щоб бо при "
    "якщо ми ще",
}
