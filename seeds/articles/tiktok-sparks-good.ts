import type { ArticleSeed } from "../article-seed";

/**
 * The forum's launch article. Summaries are our own words; each excerpt quotes the source text verbatim
 * (tiktok-sparks-good.test.ts checks this against tiktok-sparks-good.txt beside it), including
 * its typographic quotes.
 */
export const tiktokSparksGood: ArticleSeed = {
  slug: "tiktok-sparks-good",
  title: "The Unexpected Benefits of TikTok: How the Platform Is Bringing Positive Change",
  source: "Adapted from an opinion article on TikTok's 'Sparks Good' initiative (original author and publication not known)",
  sourceUrl: undefined,
  summary:
    "An opinion piece argues that TikTok's 'Sparks Good' campaign, which showcases small businesses and community projects built on the app, is the company's answer to a threatened US ban. It weighs that good against critics' worries about harm to teens, misinformation and Chinese government access to user data, and concludes that regulators will have the final say.",
  points: [
    {
      title: "Sparks Good is a response to the threatened US ban",
      summary:
        "TikTok launched Sparks Good to show how small businesses use the app to reach customers and grow. The author reads it as a bid to prove the platform's value to the US economy while a ban is on the table.",
      excerpt:
        "This initiative is a direct response to the possible ban the platform is facing in the US, and it is the company's way to highlight its value to the US economy.",
    },
    {
      title: "A docu-series tells stories of real-life change",
      summary:
        "The campaign centres on a documentary series of creator stories, from first-generation kids saving their parents' shops to creators rallying support for veterans. TikTok wants them to show the app as a place for community, education and economic opportunity.",
      excerpt: "The ‘TikTok Sparks Good’ docu-series will share inspiring stories from diverse creators on how TikTok was able to make a real-life change.",
    },
    {
      title: "Critics: the app harms teens and spreads misinformation",
      summary:
        "Critics call the platform a double-edged sword: the reach that does good also hurts teenagers' mental health, enables exploitation and spreads misinformation.",
      excerpt:
        "TikTok has pushed the boundaries of social media norms, leading to negative psychological impacts for teens and exploitation, and the proliferation of misinformation.",
    },
    {
      title: "Ties to the Chinese Communist Party raise spying fears",
      summary:
        "The biggest worry is that Chinese law can compel TikTok to hand user data to the CCP. Reports that the app was used to track journalists' movements feed fears that it could be used to spy on US citizens.",
      excerpt:
        "The biggest concern with the platform is its link to the Chinese Communist Party (CCP) and its cybersecurity laws stipulating that Chinese-owned businesses must share user data with the CCP on request.",
    },
    {
      title: "Regulators, not the campaign, will decide TikTok's US future",
      summary:
        "The author concludes that Sparks Good is a fine showcase, but whether TikTok keeps operating in the US is up to regulators. Still, a platform known for harmful trends can also drive positive change.",
      excerpt:
        "At the end of the day, while the ‘TikTok Sparks Good’ initiative is a great way to highlight the impact that TikTok can have, it is ultimately up to the regulators to decide whether the platform is able to continue operating in the US.",
    },
  ],
};
