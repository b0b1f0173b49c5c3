//! The Korean corpus: hand-written sentences, and sentences generated from phrases,
//! delimiters, prefixes and followers.

use super::*;

/// Phrases that get emphasised. Most end (or start) with punctuation, which is where
/// CommonMark's flanking rules give up next to Hangul.
pub(crate) const PHRASES: &[&str] = &[
    "LLM(거대 언어 모델)",
    "확산 모델(diffusion model)",
    "“공간 + 시간 + 물리 법칙”",
    "잡음(노이즈)",
    "‘작은따옴표’",
    "「인용문」",
    "정답은 42.",
    "정말 중요합니다!",
    "왜 그럴까?",
    "끝。",
    "하나、둘",
    "가·나·다",
    "트랜스포머",
    "GPU 메모리",
    "3.5배",
    "🚀 출시",
    "`cargo test`",
    "[공식 문서](https://example.com/docs)",
    "(괄호로 시작하는 말)",
    "100%",
    "“따옴표”와 (괄호)",
    "v2.0",
];

/// What follows the closing delimiter: particles, punctuation, emoji, code, numbers,
/// Latin, a space, the end of the line.
pub(crate) const FOLLOWERS: &[&str] = &[
    "은 중요하다.",
    "는 다르다",
    "이 필요합니다.",
    "가 있다",
    "을 보세요.",
    "를 썼다",
    "으로 바뀌었다.",
    "에서 나왔다",
    "입니다.",
    "의 뜻",
    "",
    " 다음 문장.",
    ".",
    "!",
    "?",
    ")",
    "”라고",
    "’",
    "」",
    "。",
    "、그리고",
    "·",
    "😀",
    "`코드`",
    "123",
    "API",
];

/// What precedes the opening delimiter.
pub(crate) const PREFIXES: &[&str] = &["", "우리는 ", "모델", "(", "“", "결과:", "A"];

pub(crate) const DELIMITERS: &[&str] = &["**", "*", "__", "_", "***", "~~"];

/// Sentences written for this test, the way Korean technical articles use emphasis.
pub(crate) const HANDWRITTEN: &[&str] = &[
    "**LLM(거대 언어 모델)**입니다",
    "**확산 모델(diffusion model)**입니다",
    "**“공간 + 시간 + 물리 법칙”**을",
    "**잡음(노이즈)**으로",
    "이 글에서는 **어텐션(attention)**이 무엇인지 설명합니다.",
    "결론부터 말하면 **“데이터가 전부다”**라는 말은 반쯤 맞습니다.",
    "*주의:* 이 명령은 **되돌릴 수 없습니다(irreversible)**.",
    "모델의 크기는 **70억 개(7B)**의 매개변수로 이루어져 있다.",
    "**왜?**라는 질문이 가장 중요하다.",
    "그는 **「다시 시작하자」**고 말했다.",
    "정리하면 **입력 → 출력**의 구조다.",
    "**(주의)**이 부분은 자주 틀립니다.",
    "학습률을 *너무 크게(too large)* 잡으면 발산한다.",
    "학습률을 *너무 크게(too large)*잡으면 발산한다.",
    "`pip install` 대신 **`uv add`**를 쓰세요.",
    "**`git rebase`**는 이력을 다시 씁니다.",
    "이 값은 **0.001**이며 *기본값(default)*이다.",
    "**한국어 처리(NLP)**와 **음성 인식(ASR)**은 다르다.",
    "***정말로 중요한 것(!)***은 평가 방법이다.",
    "**굵게 *기울임(italic)*이 섞인 문장**입니다.",
    "**굵게 *기울임(italic)***입니다.",
    "*기울임 **굵게(bold)***입니다.",
    "**닫히지 않은 강조(open)로 끝나는 문장",
    "여는 것 없이 닫기만 한다)**입니다.",
    "*하나**둘*셋",
    "**여러 줄에 걸친\n강조(emphasis)**입니다.",
    "첫 줄은 평범하고\n**둘째 줄(second)**이 굵다.",
    "**첫째(1)**와\n**둘째(2)**가 있다.",
    "__밑줄 강조(underscore)__는 어떨까?",
    "__주의__：주의 사항",
    "주의：__주의 사항__",
    "_기울임(italic)_은 단어 안에서 쓰기 어렵다.",
    "한국어_밑줄_사이",
    "snake_case_name은 그대로 둔다.",
    "파일 이름 my_file_name.txt를 연다.",
    "**2024년**에 발표된 **GPT-4o(omni)**는 멀티모달이다.",
    "**😀 웃는 얼굴**이 보인다.",
    "**이모지😀**가 끝에 있다.",
    "**이모지(😀)**로 끝난다.",
    "비용은 **$100(약 13만 원)**입니다.",
    "**50%**의 확률로 성공한다.",
    "**50%(절반)**의 확률로 성공한다.",
    "문장 끝의 **강조.**",
    "문장 끝의 **강조(끝)**.",
    "**“인용”**,**“다른 인용”**을 비교한다.",
    "**『책 제목』**을 읽었다.",
    "**【공지】**서버 점검 안내",
    "**［참고］**이 표를 보세요.",
    "그것은 *‘혁신’*이라기보다 *‘개선’*에 가깝다.",
    "이 기능은 **실험적(experimental)**이므로 *주의(caution)*해서 쓰세요.",
    "**A/B 테스트**로 확인했다.",
    "**A/B(에이비)**테스트로 확인했다.",
    "**1단계.**데이터를 모은다.",
    "**1단계.** 데이터를 모은다.",
    "값은 **-1**부터 **+1**까지다.",
    "사용자는 **Ctrl+C**를 눌러 종료한다.",
    "**Ctrl+C(복사)**를 누른다.",
    "**a)**부터 **c)**까지 고르시오.",
    "괄호 안 강조 (**중요(!)**)입니다.",
    "따옴표 안 강조 “**핵심(core)**”입니다.",
    "**강조**와 일반 글자 사이에 공백이 없다.",
    "일반 글자와**강조**사이에 공백이 없다.",
    "일반 글자와**강조(괄호)**사이에 공백이 없다.",
    "*한 글자*씩 *두(2)*글자",
    "연속된 **별표**** 네 개",
    "별표 하나 * 사이에 공백 *",
    "**공백 앞 ** 닫기",
    "** 공백 뒤** 열기",
    r"이스케이프된 \*\*별표(star)\*\*입니다.",
    r"절반만 이스케이프 \**별표(star)**입니다.",
    "**[링크(link)](https://example.com)**를 참고하세요.",
    "[**굵은 링크(bold)**](https://example.com)를 참고하세요.",
    "**링크 [문서](https://example.com/a_b_c)**에 있다.",
    "<span>**인라인 HTML(html)**</span>이다.",
    "**태그 <b>안</b>(html)**이다.",
    "각주가 있는 **문장(footnote)**[^1]이다.\n\n[^1]: 각주 내용은 **여기(here)**에 있다.",
    "~~취소선(strike)~~과 **굵게(bold)**를 함께 쓴다.",
    "**줄 끝 강조(end)**  \n다음 줄입니다.",
    "숫자 **1,000(천)**원",
    "**一般(일반)**명사",
    "한자 **漢字**를 섞어 쓴다.",
    "일본어 **「こんにちは」**라고 인사했다.",
    "中文**“你好”**以及 한국어**“안녕”**을 비교한다.",
    "**가**、**나**、**다**",
    "**가。**나",
    "**‘가’**나 **‘다’**라",
    "**v1.2.3**에서 **v2.0.0**으로 올렸다.",
    "**`code`**·**`span`** 둘 다",
    "끝에 별표가 남는 문장**",
    "**",
    "****",
    "*(괄호)*",
    "가*(나)*다",
    "가**(나)**다",
    "가__(나)__다",
    "가_(나)_다",
    "(가)**나**(다)",
    "(가)*나*(다)",
    "**가(나)**다**라(마)**바",
    "*가(나)*다*라(마)*바",
    "~~취소(cancel)~~된 일정",
    "일정이 ~~“취소”~~되었다.",
    "모델~~(구버전)~~이 바뀌었다.",
    "~~가(나)~~다~~라(마)~~바",
    "**굵게 ~~취소(x)~~**를 섞는다.",
    "~~**굵은 취소(x)**~~를 섞는다.",
    "한글︀**(VS1 뒤)**입니다",
    "〽︎**(기호)**는 특이하다",
    "**참。︁**거짓",
    "“︁깃”︁__허브__",
    "葛󠄀**(칡)**이다",
    "韓國**(한국)**의 한자",
    "**１２３（전각）**숫자",
    "**ＡＢＣ**전각 로마자",
    "￥**(엔화)**",
    "**₩1,000(천 원)**입니다",
];

pub(crate) fn corpus() -> Vec<(String, Container)> {
    let mut inputs = Vec::new();
    for sentence in HANDWRITTEN {
        inputs.push((sentence.to_string(), Container::Paragraph));
        // Footnote definitions and hard breaks are blocks and lines of their own.
        if !sentence.contains("[^") {
            for container in [Container::BlockQuote, Container::ListItem] {
                inputs.push((container.wrap(sentence), container));
            }
            if !sentence.contains("  \n") {
                inputs.push((Container::TableCell.wrap(sentence), Container::TableCell));
            }
        }
    }
    let mut n = 0usize;
    for delimiter in DELIMITERS {
        for phrase in PHRASES {
            for follower in FOLLOWERS {
                let prefix = PREFIXES[n % PREFIXES.len()];
                let sentence = format!("{prefix}{delimiter}{phrase}{delimiter}{follower}");
                // Some sentences go into a quote, a list item or a table cell instead.
                let container = match n % 11 {
                    3 => Container::BlockQuote,
                    7 => Container::ListItem,
                    9 => Container::TableCell,
                    _ => Container::Paragraph,
                };
                inputs.push((container.wrap(&sentence), container));
                n += 1;
            }
        }
    }
    inputs
}
