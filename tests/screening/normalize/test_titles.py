import pytest

from counterflow.screening.normalize import split_titles


@pytest.mark.parametrize(
    ("text", "name", "titles"),
    [
        ("Samdech Hun Sen", "Hun Sen", ("Samdech",)),
        ("Oknha Chen Zhi", "Chen Zhi", ("Oknha",)),
        ("H.E. Oknha Chen Zhi", "Chen Zhi", ("H.E.", "Oknha")),
        ("Neak Oknha Ly Yong Phat", "Ly Yong Phat", ("Neak Oknha",)),
        ("Lok Chumteav Bun Rany", "Bun Rany", ("Lok Chumteav",)),
        ("Samdech Akka Moha Sena Padei Techo Hun Sen", "Hun Sen",
         ("Samdech Akka Moha Sena Padei Techo",)),
        ("His Excellency Sok An", "Sok An", ("His Excellency",)),
        ("Dr. Mr. John Smith", "John Smith", ("Dr.", "Mr.")),
        ("Gen. Tea Banh", "Tea Banh", ("Gen.",)),
        ("Lt. Col. Ahmad Khan", "Ahmad Khan", ("Lt. Col.",)),
        ("Sheikh Mohammed bin Rashid", "Mohammed bin Rashid", ("Sheikh",)),
        ("Haji Mohammad Bashir Noorzai", "Mohammad Bashir Noorzai", ("Haji",)),
        ("Mullah Mohammed Omar", "Mohammed Omar", ("Mullah",)),
        ("Tan Sri Lim Kok Thay", "Lim Kok Thay", ("Tan Sri",)),
        ("Dato' Sri Najib Razak", "Najib Razak", ("Dato' Sri",)),
        ("Ông Nguyễn Văn An", "Nguyễn Văn An", ("Ông",)),
        ("Bà Trương Mỹ Lan", "Trương Mỹ Lan", ("Bà",)),
        ("Samdech Krom Preah Norodom Ranariddh", "Norodom Ranariddh", ("Samdech Krom Preah",)),
        ("សម្តេច ហ៊ុន សែន", "ហ៊ុន សែន", ("សម្តេច",)),
        ("សម្ដេចតេជោ ហ៊ុន សែន", "ហ៊ុន សែន", ("សម្ដេចតេជោ",)),
        ("ឯកឧត្តមហ៊ុន ម៉ាណែត", "ហ៊ុន ម៉ាណែត", ("ឯកឧត្តម",)),
        ("ឧកញ៉ា ចេន ជី", "ចេន ជី", ("ឧកញ៉ា",)),
        ("លោកជំទាវ ប៊ុន រ៉ានី", "ប៊ុន រ៉ានី", ("លោកជំទាវ",)),
        ("ឧត្តមសេនីយ៍ឯក សៅ សុខា", "សៅ សុខា", ("ឧត្តមសេនីយ៍ឯក",)),
        ("คุณ ทักษิณ ชินวัตร", "ทักษิณ ชินวัตร", ("คุณ",)),
    ],
)  # fmt: skip
def test_titles_removed_and_returned(text: str, name: str, titles: tuple[str, ...]) -> None:
    assert split_titles(text) == (name, titles)


@pytest.mark.parametrize(
    "text",
    [
        "Lok",
        "Samdech",
        "Major",
        "He Jiankui",
        "HE Hor Namhong",
        "Ong Beng Seng",
        "Ba Sein",
        "Hon Lik",
        "Gen Yuan",
        "Khun Sophal",
        "Lokman Hakim",
        "Madampe Silva",
        "Chen Zhi Samdech",
        "Imam Samudra",
        "",
    ],
)
def test_names_that_only_look_like_titles_are_kept(text: str) -> None:
    assert split_titles(text) == (text, ())


def test_last_word_never_removed() -> None:
    assert split_titles("Mr Sir") == ("Sir", ("Mr",))
    assert split_titles("Lok Chumteav") == ("Chumteav", ("Lok",))


def test_white_space_normalised() -> None:
    assert split_titles("  Samdech   Hun  Sen ") == ("Hun Sen", ("Samdech",))
