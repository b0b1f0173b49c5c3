//! A deterministic corpus of Korean-like blog posts for benchmarks.
//!
//! Nothing is downloaded: text is drawn with a seeded xorshift generator from a
//! frequency-weighted list of common Korean words and particles, mixed with English
//! technical terms, Markdown headings, lists, bold text, links and fenced code. Bodies are
//! about 3 KB, so 10,000 posts make about 30 MB. Tags come from a pool of 300 with a
//! Zipf-like distribution, categories from 12, dates spread over ten years.

use std::path::PathBuf;

use chrono::{Duration, NaiveDate};
use geul::library::Post;

// Not every bench that includes the corpus writes it to a folder.
#[allow(dead_code)]
pub mod folder;

/// The seed of the standard corpus.
pub const SEED: u64 = 0x6765_756C;

/// xorshift64*: tiny, fast and good enough to make text; fixed seed, same corpus everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Items with cumulative weights, sampled by binary search.
struct Weighted<T> {
    items: Vec<T>,
    cumulative: Vec<u64>,
}

impl<T: Clone> Weighted<T> {
    fn new(pairs: impl IntoIterator<Item = (T, u64)>) -> Weighted<T> {
        let mut items = Vec::new();
        let mut cumulative = Vec::new();
        let mut total = 0;
        for (item, w) in pairs {
            total += w.max(1);
            items.push(item);
            cumulative.push(total);
        }
        Weighted { items, cumulative }
    }

    fn pick(&self, rng: &mut Rng) -> T {
        let total = self.cumulative.last().copied().unwrap_or(1);
        let x = rng.next_u64() % total;
        let i = self.cumulative.partition_point(|&c| c <= x);
        self.items[i.min(self.items.len() - 1)].clone()
    }
}

/// Common content words with rough relative frequencies (higher = more common).
#[rustfmt::skip]
const NOUNS: &[(&str, u64)] = &[
    ("것", 90), ("수", 80), ("때", 40), ("사람", 35), ("데이터", 40), ("모델", 40), ("코드", 35), ("개발", 30),
    ("방법", 30), ("문제", 30), ("시간", 28), ("생각", 28), ("경우", 28), ("결과", 25), ("사용", 25), ("함수", 22),
    ("프로그램", 20), ("서버", 20), ("기능", 20), ("학습", 20), ("인공지능", 15), ("생성", 15), ("생성형", 8),
    ("확산", 6), ("파이썬", 14), ("자동화", 10), ("프로젝트", 18), ("설정", 16), ("파일", 18), ("테스트", 14),
    ("배포", 10), ("성능", 12), ("구조", 12), ("이유", 15), ("오늘", 15), ("회사", 10), ("공부", 12), ("책", 10),
    ("여행", 6), ("음식", 5), ("커피", 5), ("주말", 6), ("운동", 5), ("영화", 5), ("음악", 5), ("생활", 8),
    ("정리", 12), ("기록", 10), ("글", 12), ("블로그", 8), ("질문", 8), ("답변", 6), ("예제", 10), ("라이브러리", 10),
    ("프레임워크", 8), ("데이터베이스", 8), ("네트워크", 6), ("보안", 6), ("알고리즘", 8), ("자료구조", 5), ("메모리", 8),
    ("스레드", 5), ("비동기", 6), ("컴파일러", 4), ("언어", 10), ("한국어", 6), ("문장", 6), ("단어", 6), ("검색", 8),
    ("화면", 8), ("터미널", 6), ("명령어", 6), ("환경", 10), ("버전", 10), ("오류", 10), ("로그", 6), ("요청", 8),
    ("응답", 8), ("사용자", 12), ("서비스", 12), ("클라우드", 6), ("컨테이너", 5), ("이미지", 8), ("영상", 5),
    ("생산성", 4), ("생성자", 3), ("생태계", 3), ("신경망", 4), ("딥러닝", 6), ("머신러닝", 6), ("자연어", 4), ("처리", 10),
    ("분석", 10), ("시각화", 4), ("통계", 5), ("수학", 4), ("확률", 4),
];

#[rustfmt::skip]
const VERBS: &[(&str, u64)] = &[
    ("있다", 60), ("하다", 60), ("했다", 40), ("한다", 40), ("된다", 30), ("없다", 25), ("같다", 20), ("보았다", 15),
    ("만들었다", 15), ("사용했다", 15), ("정리했다", 10), ("알아보자", 10), ("살펴보자", 10), ("생각한다", 10),
    ("필요하다", 12), ("중요하다", 10), ("좋다", 12), ("있습니다", 40), ("합니다", 40), ("했습니다", 25), ("됩니다", 20),
    ("입니다", 35), ("봅시다", 8), ("해요", 10), ("있어요", 10), ("좋아요", 6), ("가능하다", 8), ("바꿨다", 5),
];

#[rustfmt::skip]
/// Particles as (after a final consonant, after a vowel): 사람**은** / 모델**는**.
const PARTICLES: &[((&str, &str), u64)] = &[
    (("이", "가"), 60), (("은", "는"), 65), (("을", "를"), 70), (("의", "의"), 30), (("에", "에"), 25),
    (("에서", "에서"), 15), (("으로", "로"), 24), (("과", "와"), 16), (("도", "도"), 12),
    (("만", "만"), 6), (("까지", "까지"), 4), (("보다", "보다"), 4), (("처럼", "처럼"), 3), (("", ""), 40),
];

#[rustfmt::skip]
const ADVERBS: &[(&str, u64)] = &[
    ("그리고", 15), ("하지만", 12), ("그래서", 10), ("또한", 8), ("먼저", 8), ("다음으로", 5), ("정말", 6), ("아주", 5),
    ("조금", 6), ("이제", 8), ("다시", 6), ("결국", 4), ("특히", 6), ("보통", 4), ("가장", 6), ("더", 10),
    ("잘", 8), ("빨리", 3), ("천천히", 2),
];

#[rustfmt::skip]
const ENGLISH: &[(&str, u64)] = &[
    ("Rust", 10), ("rust", 4), ("Python", 10), ("API", 10), ("GPU", 5), ("CPU", 5), ("Docker", 6),
    ("Kubernetes", 3), ("LLM", 6), ("GPT", 5), ("async", 4), ("React", 5), ("TypeScript", 5),
    ("Linux", 5), ("Git", 6), ("GitHub", 5), ("JSON", 5), ("HTTP", 5), ("SQL", 5), ("AI", 10),
    ("cargo", 3), ("tokio", 2), ("serde", 2), ("pandas", 3), ("numpy", 3), ("PyTorch", 3),
    ("Stable Diffusion", 2), ("Transformer", 3), ("embedding", 3), ("vector", 3), ("cache", 3),
];

/// Hand-picked tags; the pool is filled up to [`TAG_POOL`] with compounds of nouns.
#[rustfmt::skip]
const BASE_TAGS: &[&str] = &[
    "rust", "python", "파이썬", "자동화", "인공지능", "생성형AI", "딥러닝", "머신러닝", "개발", "회고", "일상", "여행", "독서",
    "책", "리뷰", "튜토리얼", "팁", "linux", "docker", "kubernetes", "git", "웹개발", "프론트엔드", "백엔드", "데이터베이스",
    "sql", "알고리즘", "자료구조", "면접", "취업", "생산성", "터미널", "vim", "neovim", "emacs", "macos", "windows",
    "클라우드", "aws", "gcp", "보안", "네트워크", "성능", "최적화", "테스트", "ci", "배포", "오픈소스", "커뮤니티", "컨퍼런스",
    "확산모델", "llm", "gpt", "프롬프트", "임베딩", "검색", "자연어처리", "컴퓨터비전", "통계", "수학", "react", "typescript",
    "javascript", "nodejs", "go", "java", "kotlin", "swift", "c++", "wasm", "비동기", "동시성", "메모리",
    "컴파일러", "언어", "한국어", "글쓰기", "블로그", "마크다운", "tui", "커피", "음식", "운동", "영화", "음악", "사진", "게임",
    "육아", "재테크", "건강",
];

const TAG_POOL: usize = 300;

#[rustfmt::skip]
const CATEGORIES: &[&str] = &[
    "개발", "일상", "여행", "독서", "인공지능", "데이터", "회고", "튜토리얼", "도구", "생각", "웹", "인프라",
];

const CODE: &[&str] = &[
    "```python\nimport pandas as pd\n\ndf = pd.read_csv(\"data.csv\")\nprint(df.describe())\n```\n",
    "```rust\nfn main() {\n    let v: Vec<u32> = (0..10).collect();\n    println!(\"{:?}\", v);\n}\n```\n",
    "```bash\ncargo build --release\n./target/release/app --help\n```\n",
    "```js\nconst res = await fetch('/api/posts');\nconst posts = await res.json();\n```\n",
    "```python\nfor i in range(10):\n    # 자동화 스크립트\n    run_task(i)\n```\n",
];

/// Whether `word` ends in a Hangul syllable with a final consonant (받침), which picks the
/// form of the particle after it. Latin words are treated as ending in a vowel.
fn has_final(word: &str) -> bool {
    word.chars()
        .last()
        .is_some_and(|c| ('가'..='힣').contains(&c) && !(c as u32 - 0xAC00).is_multiple_of(28))
}

/// Builds the corpus generator's vocabularies once.
pub struct Generator {
    nouns: Weighted<&'static str>,
    verbs: Weighted<&'static str>,
    particles: Weighted<(&'static str, &'static str)>,
    adverbs: Weighted<&'static str>,
    english: Weighted<&'static str>,
    tags: Weighted<String>,
    categories: Weighted<&'static str>,
}

impl Default for Generator {
    fn default() -> Self {
        Self::new()
    }
}

impl Generator {
    pub fn new() -> Generator {
        let mut rng = Rng::new(0x7A6F_6B65_6E73);
        let mut pool: Vec<String> = BASE_TAGS.iter().map(|s| s.to_string()).collect();
        while pool.len() < TAG_POOL {
            let a = NOUNS[rng.below(NOUNS.len())].0;
            let b = NOUNS[rng.below(NOUNS.len())].0;
            let tag = format!("{a}{b}");
            if a != b && !pool.contains(&tag) {
                pool.push(tag);
            }
        }
        // Zipf: weight of rank r is proportional to 1/r.
        let tags = Weighted::new(
            pool.into_iter()
                .enumerate()
                .map(|(r, t)| (t, 1_000_000 / (r as u64 + 1))),
        );
        let categories = Weighted::new(
            CATEGORIES
                .iter()
                .enumerate()
                .map(|(r, c)| (*c, 1000 / (r as u64 + 1))),
        );
        Generator {
            nouns: Weighted::new(NOUNS.iter().copied()),
            verbs: Weighted::new(VERBS.iter().copied()),
            particles: Weighted::new(PARTICLES.iter().copied()),
            adverbs: Weighted::new(ADVERBS.iter().copied()),
            english: Weighted::new(ENGLISH.iter().copied()),
            tags,
            categories,
        }
    }

    fn phrase(&self, rng: &mut Rng, out: &mut String) {
        let word = if rng.chance(8) {
            self.english.pick(rng)
        } else {
            self.nouns.pick(rng)
        };
        let bold = rng.chance(4);
        if bold {
            out.push_str("**");
        }
        out.push_str(word);
        if bold {
            out.push_str("**");
        }
        let (after_final, after_vowel) = self.particles.pick(rng);
        out.push_str(if has_final(word) {
            after_final
        } else {
            after_vowel
        });
    }

    fn sentence(&self, rng: &mut Rng, out: &mut String) {
        if rng.chance(25) {
            out.push_str(self.adverbs.pick(rng));
            out.push(' ');
        }
        for _ in 0..2 + rng.below(5) {
            self.phrase(rng, out);
            out.push(' ');
        }
        out.push_str(self.verbs.pick(rng));
        out.push_str(if rng.chance(10) { "? " } else { ". " });
    }

    fn title(&self, rng: &mut Rng) -> String {
        let mut t = String::new();
        for i in 0..2 + rng.below(4) {
            if i > 0 {
                t.push(' ');
            }
            if rng.chance(15) {
                t.push_str(self.english.pick(rng));
            } else {
                t.push_str(self.nouns.pick(rng));
            }
        }
        if rng.chance(30) {
            t.push_str(" 정리");
        }
        t
    }

    /// A Markdown body of about `target` bytes.
    fn body(&self, rng: &mut Rng, target: usize) -> String {
        let mut b = String::with_capacity(target + 512);
        while b.len() < target {
            match rng.below(20) {
                0..=1 => {
                    b.push_str(if rng.chance(70) { "## " } else { "### " });
                    b.push_str(&self.title(rng));
                    b.push_str("\n\n");
                }
                2..=3 => {
                    for _ in 0..2 + rng.below(4) {
                        b.push_str("- ");
                        self.sentence(rng, &mut b);
                        b.push('\n');
                    }
                    b.push('\n');
                }
                4 => {
                    b.push_str(CODE[rng.below(CODE.len())]);
                    b.push('\n');
                }
                5 => {
                    b.push_str("> ");
                    self.sentence(rng, &mut b);
                    b.push_str("\n\n");
                }
                6 => {
                    b.push('[');
                    b.push_str(self.nouns.pick(rng));
                    b.push_str("](https://example.com/");
                    b.push_str(&rng.below(1000).to_string());
                    b.push_str(") ");
                    self.sentence(rng, &mut b);
                    b.push_str("\n\n");
                }
                _ => {
                    for _ in 0..2 + rng.below(4) {
                        self.sentence(rng, &mut b);
                    }
                    b.push_str("\n\n");
                }
            }
        }
        b
    }

    /// Post number `i` of a corpus with seed `seed`: the same inputs give the same post.
    pub fn post(&self, seed: u64, i: usize) -> Post {
        let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        for _ in 0..4 {
            rng.next_u64();
        }
        let start = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default();
        let date = if rng.chance(2) {
            None
        } else {
            let day = start + Duration::days(rng.below(3650) as i64);
            day.and_hms_opt(rng.below(24) as u32, rng.below(60) as u32, 0)
        };
        let mut tags: Vec<String> = Vec::new();
        for _ in 0..1 + rng.below(5) {
            let t = self.tags.pick(&mut rng);
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let mut categories = vec![self.categories.pick(&mut rng).to_string()];
        if rng.chance(20) {
            let c = self.categories.pick(&mut rng).to_string();
            if c != categories[0] {
                categories.push(c);
            }
        }
        let title = self.title(&mut rng);
        let description = rng.chance(70).then(|| {
            let mut d = String::new();
            self.sentence(&mut rng, &mut d);
            d.trim_end().to_string()
        });
        let target = 2600 + rng.below(800);
        let body = self.body(&mut rng, target);
        let year = date.map_or(0, |d| {
            d.format("%Y").to_string().parse::<u32>().unwrap_or(0)
        });
        let relative_path = PathBuf::from(format!("{year}/post-{i:05}.md"));
        Post {
            path: PathBuf::from("/blog").join(&relative_path),
            relative_path,
            title,
            date,
            categories,
            tags,
            description,
            thumbnail: None,
            body: body.into(),
            body_line: 8,
            error: None,
            details: Box::default(),
        }
    }
}

/// `n` posts of the standard benchmark corpus (seed fixed).
pub fn posts(n: usize) -> Vec<Post> {
    let g = Generator::new();
    (0..n).map(|i| g.post(SEED, i)).collect()
}
