// Who is acting: the facts about a signed-in user that permission decisions need.

export interface Actor {
  userId: string
  companyId: string
  /** Manages companies and users; grants nothing inside portfolios. */
  siteAdmin: boolean
}
