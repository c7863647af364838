/** Who is signed in, and the sign-in flows: password, registration and WeChat (wx.login → bound or ticket). */
export function authModule({ api, tokens }) {
  function accept(commit, result) {
    tokens.write({ accessToken: result.accessToken, refreshToken: result.refreshToken })
    tokens.saveUser(result.user)
    commit('setUser', result.user)
    return result.user
  }

  return {
    namespaced: true,
    state: () => ({
      user: tokens.read() ? tokens.user() : null,
      /** From an unbound WeChat login: lets 注册 create an account, or 登录 bind an existing one. */
      registrationTicket: null,
    }),
    getters: {
      signedIn: (state) => Boolean(state.user),
      uid: (state) => state.user?.uid ?? null,
    },
    mutations: {
      setUser: (state, user) => (state.user = user),
      setTicket: (state, ticket) => (state.registrationTicket = ticket),
    },
    actions: {
      login: ({ commit }, { username, password }) => api.auth.login({ username, password }).then((r) => accept(commit, r)),
      register: ({ commit }, body) => api.auth.register(body).then((r) => accept(commit, r)),
      /** 'signed-in' for a bound WeChat account, 'unbound' (ticket kept) for one that needs 注册 or 登录. */
      async wechatLogin({ commit }, code) {
        const result = await api.auth.wechatLogin(code)
        if (result.accessToken) {
          accept(commit, result)
          return 'signed-in'
        }
        commit('setTicket', result.registrationTicket)
        return 'unbound'
      },
      async wechatRegister({ commit, state }, { nickname, username, password }) {
        const body = { registrationTicket: state.registrationTicket, nickname }
        if (username) Object.assign(body, { username, password })
        const user = accept(commit, await api.auth.wechatRegister(body))
        commit('setTicket', null)
        return user
      },
      /** Password login to an existing account, then binds the pending WeChat ticket to it. */
      async loginAndBind({ dispatch, commit, state }, credentials) {
        const user = await dispatch('login', credentials)
        await api.auth.wechatBind(state.registrationTicket)
        commit('setTicket', null)
        return user
      },
      async logout({ commit }) {
        const current = tokens.read()
        try {
          if (current) await api.auth.logout(current.refreshToken)
        } finally {
          tokens.write(null)
          commit('setUser', null)
        }
      },
      /** The session ended elsewhere (the refresh token was refused). */
      sessionLost: ({ commit }) => commit('setUser', null),
    },
  }
}
